// Choosing images by configuration: official, local, or per image whatever the engine has.
import { describe, expect, it } from 'vitest';
import { chooseImages, ImageConfigError, imageConfigFromEnv, localImagesNeeded } from './image-choice.ts';

const present =
  (...images: string[]) =>
  (image: string): Promise<boolean> =>
    Promise.resolve(images.includes(image));

describe('image choice', () => {
  it('defaults to auto: the official image when present, else the local one when built, else the official one', async () => {
    const config = imageConfigFromEnv({});
    expect(config).toEqual({ mode: 'auto', overrides: {} });
    const images = await chooseImages(config, present('redis:7-alpine', 'faultline/postgres:15'));
    expect(images).toEqual({
      postgres: 'faultline/postgres:15',
      redis: 'redis:7-alpine',
      toxiproxy: 'ghcr.io/shopify/toxiproxy:2.12.0',
      node: 'node:20-bookworm-slim',
    });
    expect(localImagesNeeded(images)).toEqual(['postgres']);
  });

  it('on auto, pulls an official image neither built nor present, and builds the local one when the pull fails', async () => {
    const pulled: string[] = [];
    const pull = (image: string): Promise<boolean> => {
      pulled.push(image);
      return Promise.resolve(image === 'redis:7-alpine');
    };
    const images = await chooseImages(imageConfigFromEnv({}), present('faultline/postgres:15'), pull);
    expect(pulled).toEqual(['redis:7-alpine', 'ghcr.io/shopify/toxiproxy:2.12.0', 'node:20-bookworm-slim']);
    expect(images).toEqual({
      postgres: 'faultline/postgres:15',
      redis: 'redis:7-alpine',
      toxiproxy: 'faultline/toxiproxy:2.12.0',
      node: 'faultline/node:20',
    });
    expect(localImagesNeeded(images)).toEqual(['postgres', 'toxiproxy', 'node']);
  });

  it('takes every local image with FAULTLINE_IMAGES=local, and a named image over the mode', async () => {
    const config = imageConfigFromEnv({ FAULTLINE_IMAGES: 'local', FAULTLINE_REDIS_IMAGE: 'my/redis:1' });
    const images = await chooseImages(config, present());
    expect(images).toEqual({
      postgres: 'faultline/postgres:15',
      redis: 'my/redis:1',
      toxiproxy: 'faultline/toxiproxy:2.12.0',
      node: 'faultline/node:20',
    });
    expect(localImagesNeeded(images)).toEqual(['postgres', 'toxiproxy', 'node']);
  });

  it('takes the official images with FAULTLINE_IMAGES=official even when local ones are built', async () => {
    const images = await chooseImages(
      imageConfigFromEnv({ FAULTLINE_IMAGES: 'official' }),
      present('faultline/redis:7'),
    );
    expect(images.redis).toBe('redis:7-alpine');
  });

  it('rejects an unknown mode with a clear error', () => {
    expect(() => imageConfigFromEnv({ FAULTLINE_IMAGES: 'cached' })).toThrow(ImageConfigError);
    expect(() => imageConfigFromEnv({ FAULTLINE_IMAGES: 'cached' })).toThrow(/official, local or auto/);
  });
});
