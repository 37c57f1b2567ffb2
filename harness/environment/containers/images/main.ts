// `npm run images [name ...]`: builds the local stand-ins for the official images (all of them, or the
// named ones and their parents), skipping what is already built and current, then — with no names —
// the app image of the target in the working folder (its `app.container`), on the Node image the
// containers environment would choose; says how long each took. Exit 0 when every image is ready, 1
// when a build failed (with the build's own last lines), 2 on bad input.
import { FaultlineError } from '../../../cli/exit-codes.ts';
import { findConfigFile, loadTarget } from '../../../target/load-target.ts';
import { ensureImages, ImageBuildError, imageLabel } from './build-images.ts';
import { LOCAL_IMAGES, type LocalImageName } from './image-catalog.ts';
import { chooseImages, imageConfigFromEnv, ImageConfigError } from './image-choice.ts';
import { ensureTargetImage } from './target-image.ts';

const names = LOCAL_IMAGES.map((image) => image.name);
const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !names.includes(name as LocalImageName));
if (unknown.length > 0) {
  console.error(`images: unknown image ${unknown.join(', ')}; known: ${names.join(', ')}`);
  process.exit(2);
}

const line = (tag: string, status: string, durationMs: number): void =>
  console.log(`${tag.padEnd(36)} ${status.padEnd(7)} ${(durationMs / 1000).toFixed(1).padStart(6)} s`);
const started = performance.now();
try {
  const results = await ensureImages(requested.length > 0 ? (requested as LocalImageName[]) : undefined, {
    onProgress: (message) => console.log(message),
  });
  for (const result of results) line(result.tag, result.status, result.durationMs);
  const target = requested.length === 0 && findConfigFile(process.cwd()) ? await loadTarget({}) : undefined;
  if (target?.app.container !== undefined) {
    const images = await chooseImages(
      imageConfigFromEnv(process.env),
      async (image) => (await imageLabel(image)) !== undefined,
    );
    const app = await ensureTargetImage(target, { nodeImage: images.node, onProgress: (m) => console.log(m) });
    line(app.tag, app.status, app.durationMs);
  }
  console.log(`images ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  if (error instanceof ImageBuildError) {
    console.error(`images: ${error.message}`);
    process.exit(1);
  }
  if (error instanceof ImageConfigError || error instanceof FaultlineError) {
    console.error(`images: ${error.message}`);
    process.exit(2);
  }
  throw error;
}
