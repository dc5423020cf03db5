# The app with Debian's Chromium for `browser` sources.
FROM node:20-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends chromium python3 make g++ \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY . .
RUN npm ci && npm prune --omit=dev
ENV CHROMIUM_PATH=/usr/bin/chromium
EXPOSE 3000
VOLUME ["/app/data"]
CMD ["node", "dist/cli/main.js", "run", "--config", "/app/config", "--data", "/app/data"]
