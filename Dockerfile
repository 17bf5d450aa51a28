# Production image: the web app and the worker run from the same image with different commands.
# Two stages: the first compiles the TypeScript to JavaScript (dist/) and the stylesheet with the
# development tools; the second holds only production dependencies and what runs, so no
# TypeScript compiler is present or used when a container starts.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
COPY jobs ./jobs
COPY views ./views
RUN node scripts/build.mjs
# Compile the stylesheet at build time so containers can run with a read-only filesystem.
RUN node -e "import('./dist/src/web/stylesheet.js').then((m) => m.ensureStylesheet())"

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --omit=dev --no-audit --no-fund && npm cache clean --force
COPY views ./views
COPY --from=build /app/dist ./dist
COPY --from=build /app/.build ./.build

USER node
EXPOSE 3000
CMD ["node", "dist/src/server.js"]
