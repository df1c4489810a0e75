namespace Faas.Core.Workers;

/// <summary>How workers and installers are run. Bound from the <c>Faas:Workers</c> section.</summary>
public sealed class WorkerOptions
{
    /// <summary>The Node.js executable.</summary>
    public string NodePath { get; set; } = "node";

    /// <summary>The npm executable, for <c>package.json</c> installs.</summary>
    public string NpmPath { get; set; } = "npm";

    /// <summary>
    /// The Python executable. A shim (pyenv) is resolved once, when the runtime is probed, to the real
    /// binary, because a shim can cost hundreds of milliseconds per worker start.
    /// </summary>
    public string PythonPath { get; set; } = "python3";

    /// <summary>The Ruby executable (the <c>rb</c> worker).</summary>
    public string RubyPath { get; set; } = "ruby";

    /// <summary>The Bundler executable, for <c>Gemfile</c> installs.</summary>
    public string BundlePath { get; set; } = "bundle";

    /// <summary>The dotnet host: runs the C# worker (<c>cs</c>) and builds apps' <c>.csproj</c> files.</summary>
    public string DotnetPath { get; set; } = "dotnet";

    /// <summary>
    /// Executables of other languages by language id (<c>Faas:Workers:Executables:lua</c>), so a new
    /// language needs no setting of its own here; a language without an entry uses its default.
    /// </summary>
    public Dictionary<string, string> Executables { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Folder holding the language workers; defaults to <c>workers/</c> beside the server.</summary>
    public string? WorkersDirectory { get; set; }

    /// <summary>How long a worker may take to load an app's scripts.</summary>
    public TimeSpan LoadTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a stopping worker may take to finish its calls before it is killed.</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one dependency install (npm, pip) may take.</summary>
    public TimeSpan InstallTimeout { get; set; } = TimeSpan.FromMinutes(10);

    public string ResolveWorkersDirectory() =>
        Path.GetFullPath(WorkersDirectory ?? Path.Combine(AppContext.BaseDirectory, "workers"));

    /// <summary>The executable configured for <paramref name="language"/> in <see cref="Executables"/>, else <paramref name="fallback"/>.</summary>
    public string ExecutableFor(string language, string fallback) =>
        Executables.TryGetValue(language, out var path) && !string.IsNullOrWhiteSpace(path) ? path : fallback;
}
