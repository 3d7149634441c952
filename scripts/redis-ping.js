// Exit 0 when a Redis answers PING at the URL given (default redis://127.0.0.1:6379) within 1 s.
const net = require('node:net');
const url = new URL(process.argv[2] || 'redis://127.0.0.1:6379');
const socket = net.connect({ host: url.hostname, port: Number(url.port || 6379) });
const timer = setTimeout(() => { socket.destroy(); process.exit(1); }, 1000);
socket.on('connect', () => {
  if (url.password) socket.write(`AUTH ${decodeURIComponent(url.password)}\r\n`);
  socket.write('PING\r\n');
});
socket.on('data', (data) => {
  if (data.toString().includes('PONG')) { clearTimeout(timer); socket.end(); process.exit(0); }
});
socket.on('error', () => { clearTimeout(timer); process.exit(1); });
