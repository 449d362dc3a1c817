// Preloaded with `node --require` in child processes to prove they open no network connection:
// every outbound socket and DNS lookup is recorded in $TRIBUTARY_NETWORK_LOG and refused.
'use strict';
const fs = require('fs');
const net = require('net');
const dns = require('dns');

const log = process.env.TRIBUTARY_NETWORK_LOG;

function refuse(what) {
  if (log) fs.appendFileSync(log, `${process.pid} ${what}\n`);
  throw new Error(`network access refused in this test: ${what}`);
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  // net.connect() passes its normalised arguments as one array: [options, callback].
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const options = typeof first === 'object' && first !== null ? first : { port: first, host: args[1] };
  // Local IPC (pipes, and the sockets Node uses between its own processes) is not network access.
  if (options.path !== undefined) return connect.apply(this, args);
  refuse(`connect ${options.host ?? 'localhost'}:${options.port}`);
};
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6']) {
  dns[name] = (host) => refuse(`dns ${name} ${host}`);
}
dns.promises.lookup = async (host) => refuse(`dns lookup ${host}`);
