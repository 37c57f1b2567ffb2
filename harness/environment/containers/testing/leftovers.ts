// The containers (running or not) that testcontainers or the containers environment created and that
// still exist: what a test compares before and after, to show that a run removed what it started.
import { execa } from 'execa';
import { dockerCli } from '../images/build-images.ts';

export async function leftoverContainers(): Promise<string[]> {
  const { stdout } = await execa(dockerCli(), ['ps', '--all', '--quiet', '--filter', 'label=org.testcontainers=true']);
  return stdout.split('\n').filter((id) => id !== '');
}
