// Which images the containers environment runs: the official ones (pulled from their registries) or
// the local stand-ins `npm run images` builds, chosen by configuration, never by editing files.
//   FAULTLINE_IMAGES=official | local | auto (default): auto takes, per image, the official one when it
//   is already present, else the local one when it is built, else the official one if it can be
//   pulled, else the local one (built then: a machine with no registry needs no setting).
//   FAULTLINE_POSTGRES_IMAGE, FAULTLINE_REDIS_IMAGE, FAULTLINE_TOXIPROXY_IMAGE, FAULTLINE_NODE_IMAGE
//   name one image outright.
import { z } from 'zod';
import { localImage, type LocalImageName } from './image-catalog.ts';

export type ImageRole = 'postgres' | 'redis' | 'toxiproxy' | 'node';
export type ImageMode = 'official' | 'local' | 'auto';

export interface ImageConfig {
  mode: ImageMode;
  overrides: Partial<Record<ImageRole, string>>;
}

export type ImageSet = Record<ImageRole, string>;

const ROLES: Record<ImageRole, LocalImageName> = {
  postgres: 'postgres',
  redis: 'redis',
  toxiproxy: 'toxiproxy',
  node: 'node',
};

const ENV_SCHEMA = z.object({
  FAULTLINE_IMAGES: z.enum(['official', 'local', 'auto']).default('auto'),
  FAULTLINE_POSTGRES_IMAGE: z.string().min(1).optional(),
  FAULTLINE_REDIS_IMAGE: z.string().min(1).optional(),
  FAULTLINE_TOXIPROXY_IMAGE: z.string().min(1).optional(),
  FAULTLINE_NODE_IMAGE: z.string().min(1).optional(),
});

export class ImageConfigError extends Error {
  readonly code = 'INVALID_IMAGE_CONFIG';
  constructor(message: string) {
    super(message);
    this.name = 'ImageConfigError';
  }
}

/** The image configuration from the environment variables above (empty values count as unset). */
export function imageConfigFromEnv(env: Record<string, string | undefined>): ImageConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = ENV_SCHEMA.safeParse(present);
  if (!parsed.success)
    throw new ImageConfigError(
      `FAULTLINE_IMAGES must be official, local or auto (got "${env.FAULTLINE_IMAGES}"); image names must not be empty`,
    );
  const values = parsed.data;
  const overrides: Partial<Record<ImageRole, string>> = {};
  if (values.FAULTLINE_POSTGRES_IMAGE !== undefined) overrides.postgres = values.FAULTLINE_POSTGRES_IMAGE;
  if (values.FAULTLINE_REDIS_IMAGE !== undefined) overrides.redis = values.FAULTLINE_REDIS_IMAGE;
  if (values.FAULTLINE_TOXIPROXY_IMAGE !== undefined) overrides.toxiproxy = values.FAULTLINE_TOXIPROXY_IMAGE;
  if (values.FAULTLINE_NODE_IMAGE !== undefined) overrides.node = values.FAULTLINE_NODE_IMAGE;
  return { mode: values.FAULTLINE_IMAGES, overrides };
}

/**
 * Resolve every role to one image name; `isPresent` says whether the engine has an image already,
 * `pull` fetches one and says whether it could (without it, auto names the official image unpulled).
 */
export async function chooseImages(
  config: ImageConfig,
  isPresent: (image: string) => Promise<boolean>,
  pull?: (image: string) => Promise<boolean>,
): Promise<ImageSet> {
  const choose = async (role: ImageRole): Promise<string> => {
    const override = config.overrides[role];
    if (override !== undefined) return override;
    const local = localImage(ROLES[role]);
    if (config.mode === 'official') return local.official;
    if (config.mode === 'local') return local.tag;
    if (await isPresent(local.official)) return local.official;
    if (await isPresent(local.tag)) return local.tag;
    if (pull === undefined || (await pull(local.official))) return local.official;
    return local.tag;
  };
  return {
    postgres: await choose('postgres'),
    redis: await choose('redis'),
    toxiproxy: await choose('toxiproxy'),
    node: await choose('node'),
  };
}

/** The local images a choice needs built (their parents come with them). */
export function localImagesNeeded(images: ImageSet): LocalImageName[] {
  return (Object.keys(ROLES) as ImageRole[])
    .filter((role) => images[role] === localImage(ROLES[role]).tag)
    .map((role) => ROLES[role]);
}
