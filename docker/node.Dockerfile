# The TradingActors node. Build from the repository root:
#   docker build -f docker/node.Dockerfile -t trading-actors-node .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig TradingActors.sln ./
COPY src/ src/
COPY hocon/ hocon/
RUN dotnet publish src/TradingActors.Node/TradingActors.Node.csproj -c Release -o /out/node

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# curl for the health checks (GET /ready).
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /out/node/ /app/
# Journal (SQLite in paper mode), JSON log and the generated management token live here; mount a volume to keep them.
VOLUME /app/data
# The management API must listen beyond loopback inside a container, which the node allows only with a token:
# pass TRADING_ACTORS_MANAGEMENT_TOKEN (16+ characters).
ENV TA_trading-actors__node__management__host=0.0.0.0 \
    TA_trading-actors__node__data-dir=/app/data
# 8558: management HTTP; 4053: Akka.Remote in cluster mode.
EXPOSE 8558 4053
STOPSIGNAL SIGINT
ENTRYPOINT ["dotnet", "/app/TradingActors.Node.dll"]
