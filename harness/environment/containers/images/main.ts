// `npm run images [name ...]`: builds the local stand-ins for the official images (all of them, or the
// named ones and their parents), skipping what is already built and current, and says how long each
// took. Exit 0 when every image is ready, 1 when a build failed (with the build's own last lines), 2 on
// bad input.
import { ensureImages, ImageBuildError } from './build-images.ts';
import { LOCAL_IMAGES, type LocalImageName } from './image-catalog.ts';

const names = LOCAL_IMAGES.map((image) => image.name);
const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !names.includes(name as LocalImageName));
if (unknown.length > 0) {
  console.error(`images: unknown image ${unknown.join(', ')}; known: ${names.join(', ')}`);
  process.exit(2);
}

const started = performance.now();
try {
  const results = await ensureImages(requested.length > 0 ? (requested as LocalImageName[]) : undefined, {
    onProgress: (message) => console.log(message),
  });
  for (const result of results) {
    const seconds = (result.durationMs / 1000).toFixed(1);
    console.log(
      `${result.tag.padEnd(30)} ${result.status === 'built' ? 'built  ' : 'current'} ${seconds.padStart(6)} s`,
    );
  }
  console.log(`images ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  if (error instanceof ImageBuildError) {
    console.error(`images: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
