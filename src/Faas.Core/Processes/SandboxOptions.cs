namespace Faas.Core.Processes;

/// <summary>How workers and installers are isolated. Bound from the <c>Faas:Sandbox</c> section.</summary>
public sealed class SandboxOptions
{
    /// <summary><c>Auto</c> (default), <c>Required</c> or <c>Off</c>.</summary>
    public SandboxMode Mode { get; set; } = SandboxMode.Auto;

    /// <summary>The bubblewrap executable (Debian: <c>apt-get install bubblewrap</c>).</summary>
    public string BwrapPath { get; set; } = "/usr/bin/bwrap";

    /// <summary>More folders every sandbox sees read-only (a runtime installed somewhere unusual); missing ones are skipped.</summary>
    public List<string> ReadOnlyPaths { get; set; } = [];

    /// <summary>
    /// The server's variables every worker and installer also gets, when set: how this machine reaches
    /// the network (proxies, extra CA certificates, package indexes). Files and folders they name are
    /// visible read-only in the sandbox. Set the list to pass none (a proxy URL may hold a password).
    /// </summary>
    public List<string> PassEnvironment { get; set; } =
    [
        "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "no_proxy", "all_proxy",
        "NODE_EXTRA_CA_CERTS", "SSL_CERT_FILE", "SSL_CERT_DIR", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "PIP_CERT",
        "PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "PIP_FIND_LINKS", "PIP_DEFAULT_TIMEOUT", "npm_config_registry", "NPM_CONFIG_REGISTRY",
        "NUGET_CERT_REVOCATION_MODE", "TZ",
    ];

    /// <summary>Limits for installers (npm, pip, bundle): open files, processes, file size; no CPU limit (the install timeout bounds it).</summary>
    public int InstallMaxOpenFiles { get; set; } = 8192;

    public int InstallMaxProcesses { get; set; } = 512;

    public int InstallMaxFileSizeMb { get; set; } = 2048;

    public ProcessLimits InstallLimits => new(InstallMaxOpenFiles, InstallMaxProcesses, InstallMaxFileSizeMb, 0);
}
