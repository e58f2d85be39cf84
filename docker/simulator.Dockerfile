# The standalone Binance-compatible simulator, the exchange of a paper cluster. Build from the repository root:
#   docker build -f docker/simulator.Dockerfile -t trading-actors-simulator .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig TradingActors.sln ./
COPY src/ src/
RUN dotnet publish src/TradingActors.Simulator/TradingActors.Simulator.csproj -c Release -o /out/simulator

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# curl for the health check (GET /sim/time).
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /out/simulator/ /app/
EXPOSE 8090
# It listens on loopback unless told otherwise: in a container, every interface.
ENTRYPOINT ["dotnet", "/app/TradingActors.Simulator.dll", "--host", "0.0.0.0"]
CMD ["--port", "8090"]
