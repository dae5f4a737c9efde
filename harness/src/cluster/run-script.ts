// Runs a provider's shell step with its progress lines passed on as they come.
import { execa } from 'execa';

export async function runStep(
  command: string,
  args: string[],
  progress: (message: string) => void,
  env: NodeJS.ProcessEnv = {},
): Promise<void> {
  const child = execa(command, args, { reject: false, all: true, env, stdin: 'ignore' });
  const lines: string[] = [];
  child.all?.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (line.trim() === '') continue;
      lines.push(line);
      if (line.startsWith('==> ')) progress(line.slice(4));
    }
  });
  const result = await child;
  if (result.exitCode !== 0) {
    const errors = lines.filter((l) => l.startsWith('error:'));
    const tail = (errors.length > 0 ? errors : lines.slice(-15)).join('\n');
    throw new Error(`${[command, ...args].join(' ')} failed (exit ${result.exitCode ?? result.signal}):\n${tail}`);
  }
}
