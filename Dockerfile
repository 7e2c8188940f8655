# syntax=docker/dockerfile:1.7
#   CPU:  docker build -t kazner-stream:dev .
#   CUDA: docker build --build-arg FLAVOR=cuda -t kazner-stream:dev-cuda .
# Tags are pinned so a rebuild gets the same bases; pin digests (image@sha256:...) for releases.
ARG FLAVOR=cpu
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0.100-noble
# aspnet, not runtime: the worker serves /healthz, /readyz and /metrics with Kestrel.
ARG CPU_BASE_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0.0-noble-chiseled
# FLAVOR=cuda builds with -p:KazNerGpu=true: Microsoft.ML.OnnxRuntime.Gpu.Linux 1.31.0, whose CUDA provider links
# CUDA 13.x + cuDNN 9 (libcublasLt.so.13; nuget.org builds use CUDA 13 since ORT 1.27)
# (the CUDA 12 builds moved to a separate feed). Building against that feed? Pass a 12.x cudnn-runtime tag here.
ARG CUDA_BASE_IMAGE=nvidia/cuda:13.0.1-cudnn-runtime-ubuntu24.04

FROM ${SDK_IMAGE} AS build
ARG FLAVOR
ARG TARGETARCH
WORKDIR /src
COPY . .
# The CUDA image has no .NET runtime, so that build is self-contained; a RID keeps other platforms' native libs out.
RUN --mount=type=cache,id=kazner-nuget,target=/root/.nuget/packages \
    case "$TARGETARCH" in arm64) rid=linux-arm64 ;; *) rid=linux-x64 ;; esac \
 && if [ "$FLAVOR" = cuda ]; then gpu=true; sc=true; else gpu=false; sc=false; fi \
 && dotnet publish src/KazNer.Stream -c Release -o /app -r "$rid" --self-contained "$sc" -p:KazNerGpu="$gpu" \
 && rm /app/KazNer.DevBroker.dll \
 && cp LICENSE NOTICE /app/
# The development broker (dev-broker, run --demo) is loaded only by those commands; the worker never needs it.

FROM ${CPU_BASE_IMAGE} AS runtime-cpu
# Chiseled images have no shell and run as the non-root "app" user (uid 1654) already.

FROM ${CUDA_BASE_IMAGE} AS runtime-cuda
# Same uid as the chiseled image, so one securityContext fits both flavours.
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates libssl3t64 zlib1g \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --uid 1654 --user-group --no-create-home --shell /usr/sbin/nologin app
ENV KAZNER_Model__Device=Auto

FROM runtime-${FLAVOR}
ARG FLAVOR
ARG VERSION=0.0.0-dev
ARG REVISION=unknown
ARG CREATED=unknown
ARG SOURCE_URL=
LABEL org.opencontainers.image.title="kazner-stream" \
      org.opencontainers.image.description="Real-time Kazakh named-entity recognition over Kafka (ONNX Runtime, ${FLAVOR})" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.source="${SOURCE_URL}" \
      io.kazner.flavor="${FLAVOR}"
# models/kazner-base is resolved against the app folder; replace it with a mount and
# KAZNER_Model__Path (or `run --model`), e.g. -v ./big:/models/big:ro -e KAZNER_Model__Path=/models/big
WORKDIR /app
COPY --from=build --chown=0:0 /app ./
USER 1654:1654
EXPOSE 8080
# No curl in a chiseled image: the worker probes itself (reads KAZNER_Http__Port like `run` does).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 CMD ["/app/kazner", "healthcheck"]
ENTRYPOINT ["/app/kazner"]
CMD ["run"]
