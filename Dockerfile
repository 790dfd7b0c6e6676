# wsr — workspaces-reconciler. Default command: the daemon over the specs mounted at /specs.
#   docker build -t wsr .
#   docker run --rm -v "$PWD/envs:/specs:ro" -p 9464:9464 wsr daemon /specs --listen 0.0.0.0:9464
# (the daemon listens on 127.0.0.1 unless told otherwise, so publishing a port needs --listen 0.0.0.0:9464)
# The code runs on Node 20 and 22; 22 is the current LTS line.
ARG NODE_IMAGE=node:22-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` builds dist/, but the sources are copied only below
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
# production dependencies only; no install scripts are needed at run time
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY schemas ./schemas
COPY examples ./examples
# the image's own unprivileged user (uid 1000); only /app/.wsr (apply locks) is writable by it;
# with a read-only root filesystem mount an emptyDir there (examples/k8s does)
RUN mkdir -p /app/.wsr && chown node:node /app/.wsr
USER node
EXPOSE 9464
# slim images have no curl: Node's fetch checks the liveness endpoint
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:9464/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "bin/wsr.js"]
CMD ["daemon", "/specs"]
