/**
 * The part of npm `smpp` 0.5.1 (farhadi/node-smpp) that pulsagate uses; there is no @types/smpp.
 * Only `smpp-wire.ts` imports the package at run time; everything else goes through our layer.
 * The package is CommonJS: import its default export.
 */
declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  import type { Server as NetServer, Socket } from 'node:net';

  namespace smpp {
    /** A PDU: the header fields, then every mandatory parameter and TLV as a property by name. */
    class PDU {
      constructor(command: string, options?: Record<string, unknown>);
      /** Reads a PDU from its octets. */
      constructor(octets: Buffer);
      command: string;
      command_id: number;
      command_status: number;
      sequence_number: number;
      isResponse(): boolean;
      response(options?: Record<string, unknown>): PDU;
      toBuffer(): Buffer;
      [param: string]: unknown;
      static maxLength: number;
    }

    class Session extends EventEmitter {
      readonly socket: Socket;
      /** Reads the PDUs the socket holds (bound to its 'readable' event when the session is made). */
      _extractPDUs(): void;
      /** Writes the PDU; false (nothing written, no callback ever) when the socket is not writable. */
      send(pdu: PDU, responseCallback?: (pdu: PDU) => void, sendCallback?: (pdu: PDU) => void): boolean;
      pause(): void;
      resume(): void;
      close(callback?: () => void): void;
      destroy(callback?: () => void): void;
    }

    interface ConnectOptions {
      readonly host: string;
      readonly port: number;
    }

    interface SmppServer extends NetServer {
      readonly sessions: Session[];
    }

    interface Filter {
      encode(value: unknown): unknown;
      decode(value: unknown): unknown;
    }

    /** How a parameter is read and sized (lib/defs.js `types`). */
    interface ParamType {
      read(buffer: Buffer, offset: number): unknown;
      size(value: unknown): number;
    }

    function connect(options: ConnectOptions, listener?: () => void): Session;
    function createServer(listener: (session: Session) => void): SmppServer;

    /** Mandatory parameters of each command (lib/defs.js); a `filter` encodes/decodes a value. */
    const commands: Record<string, { id: number; params?: Record<string, { type: ParamType; filter?: Filter }> }>;
    const tlvs: Record<string, { id: number; filter?: Filter }>;
  }

  export = smpp;
}
