// A real SMTP server for the email tests, on 127.0.0.1 and a free port.
//   node sink.js <folder> [--fail-first N] [--port P]
// Each accepted message is written to <folder>/<n>.eml. With --fail-first N the first N messages are
// refused with "451 try again later", as a busy or broken server would. Prints "LISTENING <port>" when ready.
'use strict';
const fs = require('fs');
const path = require('path');
const { SMTPServer } = require('smtp-server');

const args = process.argv.slice(2);
const folder = args[0];
if (!folder) {
  console.error('usage: node sink.js <folder> [--fail-first N] [--port P]');
  process.exit(2);
}
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
let failFirst = option('--fail-first', 0);
const port = option('--port', 0);
fs.mkdirSync(folder, { recursive: true });
let received = 0;

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    const chunks = [];
    stream.on('data', (chunk) => chunks.push(chunk));
    stream.on('end', () => {
      if (failFirst > 0) {
        failFirst -= 1;
        const error = new Error('Try again later');
        error.responseCode = 451;
        return callback(error);
      }
      received += 1;
      const name = path.join(folder, `${String(received).padStart(6, '0')}.eml`);
      fs.writeFileSync(name + '.tmp', Buffer.concat(chunks));
      fs.renameSync(name + '.tmp', name);
      callback(null, 'Stored');
    });
  },
});

server.on('error', (error) => console.error('SMTP sink error:', error.message));
server.listen(port, '127.0.0.1', () => {
  console.log(`LISTENING ${server.server.address().port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
