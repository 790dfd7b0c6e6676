/** The daemon's default port (Prometheus exporters' range), shared by the daemon and its CLI clients. */
export const DEFAULT_LISTEN_PORT = 9464;
