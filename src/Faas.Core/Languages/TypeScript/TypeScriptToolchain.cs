using System.Text.Json;
using Faas.Core.Installers;
using Faas.Core.Logging;
using Faas.Core.Workers;

namespace Faas.Core.Languages.TypeScript;

/// <summary>
/// The TypeScript compiler the <c>ts</c> worker transpiles with (Node.js 20 cannot run TypeScript).
/// The first <c>ts</c> deploy installs the version pinned by <c>workers/node/package.json</c> and its
/// lock file with <c>npm ci</c> into <c>&lt;data&gt;/runtimes/typescript</c> (the tools folder); later deploys, and
/// restarts, find it there. Only <c>ts</c> apps call this, so other apps never touch the network.
/// </summary>
internal static class TypeScriptToolchain
{
    /// <summary>The worker's environment variable holding the path of the <c>typescript</c> module.</summary>
    public const string EnvironmentVariable = "FAAS_TYPESCRIPT";

    // Written after npm ci succeeds: a package.json alone may be left by an install that died halfway.
    private const string StampFile = ".faas-installed";

    // One install at a time in this process (two apps deploying, or restored, together).
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>Installs the pinned compiler unless it is there; returns the <c>typescript</c> module's folder.</summary>
    public static async Task<string> EnsureAsync(
        string toolsDirectory, WorkerOptions options, AppLog log, Processes.Isolation? isolation, CancellationToken cancellationToken)
    {
        var source = Path.Combine(options.ResolveWorkersDirectory(), "node");
        var pinned = PinnedVersion(Path.Combine(source, "package.json"));
        var root = Path.Combine(toolsDirectory, "typescript");
        var module = Path.Combine(root, "node_modules", "typescript");
        if (IsInstalled(root, module, pinned))
        {
            return module;
        }
        await Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (IsInstalled(root, module, pinned))
            {
                return module;
            }
            Directory.CreateDirectory(root);
            File.Delete(Path.Combine(root, StampFile));
            File.Copy(Path.Combine(source, "package.json"), Path.Combine(root, "package.json"), overwrite: true);
            File.Copy(Path.Combine(source, "package-lock.json"), Path.Combine(root, "package-lock.json"), overwrite: true);
            log.Write("install", $"Installing the TypeScript compiler {pinned} (once for this server) into {root}");
            var command = await InstallSandbox.PrepareAsync(isolation, options.NpmPath,
                ["ci", "--no-audit", "--no-fund", "--no-progress", "--prefix", root], null, root, [root],
                Path.Combine(toolsDirectory, ".scratch"), Path.Combine(Path.GetDirectoryName(toolsDirectory)!, "cache", "npm"), cancellationToken).ConfigureAwait(false);
            await InstallCommand.RunAsync("npm ci of the TypeScript compiler", command, root, options.InstallTimeout, log, cancellationToken).ConfigureAwait(false);
            if (InstalledVersion(module) != pinned)
            {
                throw new FaasException(FaasError.BadRequest, $"npm ci did not install typescript {pinned} in {root}.");
            }
            await File.WriteAllTextAsync(Path.Combine(root, StampFile), pinned, cancellationToken).ConfigureAwait(false);
            return module;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static bool IsInstalled(string root, string module, string pinned) =>
        InstalledVersion(module) == pinned && ReadOrNull(Path.Combine(root, StampFile)) == pinned;

    private static string? InstalledVersion(string module) =>
        ReadOrNull(Path.Combine(module, "package.json")) is { } text ? Property(text, "version") : null;

    private static string PinnedVersion(string packageJson)
    {
        var text = ReadOrNull(packageJson)
            ?? throw new FaasException(FaasError.Internal, $"The Node.js worker's {packageJson} is missing: the TypeScript compiler version is pinned there.");
        return Property(text, "dependencies", "typescript")
            ?? throw new FaasException(FaasError.Internal, $"{packageJson} does not pin a typescript version.");
    }

    private static string? Property(string json, params string[] path)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var element = document.RootElement;
            foreach (var name in path)
            {
                if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
                {
                    return null;
                }
            }
            return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? ReadOrNull(string file)
    {
        try
        {
            return File.ReadAllText(file).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
