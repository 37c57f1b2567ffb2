// `faultline list | head`: the reader closes the pipe after a line. That is not a harness failure
// (exit 4, "write EPIPE"): the command ends with its own code and says nothing about the pipe.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'faultline.js');

it('ends with its own exit code when the reader of its output goes away', async () => {
  const child = spawn(process.execPath, [BIN, 'list'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)));
  // Like `head` that has read what it wanted: the pipe is closed before the command writes its output.
  child.stdout.destroy();
  const [code] = (await once(child, 'exit')) as [number | null];
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
});
