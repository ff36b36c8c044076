# One image for every service of the platform; docker-compose.yml picks the service with its command.
# It carries the tools too, so that `docker compose run --rm seed` can load the demo city on request.
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.base.json ./
COPY patches ./patches
COPY packages ./packages
COPY subgraphs ./subgraphs
COPY gateway ./gateway
COPY console ./console
COPY examples ./examples
COPY live ./live
COPY tools ./tools
COPY schema ./schema
# npm ci's postinstall builds everything, the console's static files (console/dist) included. The demo
# city the build prepares for a fresh PGlite DATA_DIR is left out: the image runs on PostgreSQL.
RUN npm ci && npm prune --omit=dev && rm -rf tools/demo-city/prepared

FROM node:24-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app /app
# The mount point of docker compose's `keys` volume: a new volume takes this directory's owner, so the
# `keys` service (running as node) can write the key set there.
RUN mkdir /keys && chown node:node /keys
USER node
EXPOSE 4000 4001 4002 4003 4004 4005
CMD ["node", "gateway/dist/bundle/main.js"]
