// A target's container (`app.container` in its faultline.config.ts), for `--env containers`.

/**
 * The app's container: a Dockerfile the harness builds (Docker's layer cache keeps a current image),
 * or an image it runs as it is. Inside it the app is given the same values as everywhere (`inject`,
 * `env`), the port as `port`; it must listen on every interface (0.0.0.0) to be reachable.
 */
export type TargetContainer = (
  | {
      /** The Dockerfile, relative to the config file's folder: 'Dockerfile'. */
      dockerfile: string;
      /** The build context, relative to the config file's folder (default: that folder). */
      context?: string;
      /**
       * A build `ARG` naming the Node base image, e.g. 'NODE_IMAGE': the harness sets it to the Node
       * image it runs with (the official one, or the local stand-in where no registry is reachable).
       */
      nodeImageArg?: string;
    }
  | {
      /** An image already built (or pullable): 'registry.example.com/loans:1.4'. */
      image: string;
    }
) & {
  /** The port the app listens on inside the container, given under `inject.port` (default 3000). */
  port?: number;
  /** Extra environment for the container only, after `env`: `{ HOST: '0.0.0.0' }`. */
  env?: Readonly<Record<string, string>>;
};
