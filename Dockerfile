# Production image: the web app and the worker run from the same image with different commands.
FROM node:20-bookworm-slim

ENV NODE_ENV=production
WORKDIR /app

COPY package.json package-lock.json ./
RUN npm install --omit=dev --no-audit --no-fund && npm cache clean --force

COPY src ./src
COPY jobs ./jobs
COPY views ./views
# Compile the stylesheet at build time so containers can run with a read-only filesystem.
RUN node --import tsx -e "import('./src/web/stylesheet.ts').then((m) => m.ensureStylesheet())"

USER node
EXPOSE 3000
CMD ["node", "--import", "tsx", "src/server.ts"]
