import { benchSmpp } from './smpp-bench.js';
process.env.NO_KANNEL = '1';
console.log(await benchSmpp({ messages: 10_000, rounds: 2 }));
