using System.ComponentModel.DataAnnotations;

namespace KazNer.Stream.Configuration;

/// <summary>The "Http" section: the port of /healthz, /readyz and /metrics (0 picks a free port).</summary>
public sealed class HttpOptions
{
    public const string SectionName = "Http";

    [Range(0, 65535)]
    public int Port { get; set; } = 8080;
}
