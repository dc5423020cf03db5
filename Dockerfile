# The yuqing app: crawler, pipeline, alerts and console in one Node 20 process, with Debian's Chromium for
# `browser` sources. Build: docker build -t xuncha-yuqing .   (see docker-compose.yml for the full stack)
FROM node:20-bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
# nodejieba and better-sqlite3 build native code; the build stage has the compilers. Plain `npm ci` would also
# run the root's `prepare` (the build) before the sources are copied, so install without scripts and then run
# the install scripts of exactly the two native packages (the lock marks no other package hasInstallScript).
RUN npm ci --ignore-scripts && npm rebuild better-sqlite3 nodejieba
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
# Chromium from Debian (not Playwright's download), fonts for Chinese pages and screenshots, tini as PID 1.
RUN apt-get update && apt-get install -y --no-install-recommends chromium fonts-noto-cjk tini ca-certificates \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The shipped lexicon (with lexicon/recurrence/) beside dist/config, where the loader looks first: /app/config is
# the production config, whose own lexicon/ would otherwise stand in for the default and lack the recurrence lists.
COPY --from=build /app/config/lexicon ./dist/config/lexicon
# Likewise the fitted risk model: the loader looks in dist/config/model before /app/config/model, which the
# production config does not carry.
COPY --from=build /app/config/model ./dist/config/model
COPY --from=build /app/package.json ./package.json
# The production config runs by default (docker-compose.yml mounts ./config.production over it); the demo config
# stays beside it for trials: --config /app/config.example.
COPY --from=build /app/config.production ./config
COPY --from=build /app/config ./config.example
COPY --from=build /app/demo ./demo
ENV NODE_ENV=production \
    TZ=Asia/Shanghai \
    CHROMIUM_PATH=/usr/bin/chromium
RUN mkdir -p /app/data && chown -R node:node /app/data
USER node
EXPOSE 3000
VOLUME ["/app/data"]
# The console answers on its port once the store is open.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD node -e "fetch('http://127.0.0.1:3000/').then(r=>process.exit(r.status<500?0:1)).catch(()=>process.exit(1))"
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/cli/main.js", "run", "--config", "/app/config", "--data", "/app/data"]
