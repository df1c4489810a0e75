using System.Text.Json;
using Faas.Core.Languages;
using Faas.Core.Logging;
using Faas.Core.Manifests;
using Faas.Core.Pools;
using Faas.Core.Workers;
using Microsoft.Extensions.Logging;

namespace Faas.Core.Deployments;

/// <summary>
/// Starts a version's runtime with its pool settings (the server's, overridden by its faas.json). After
/// a deploy the functions each language reported are saved beside the version, so a restart (or a
/// version that is not active) can register them at once and start workers on the first call.
/// </summary>
/// <param name="services">The platform services the workers call (kv, env, log); null: none.</param>
/// <param name="environment">The app's env as changed since its deploy, given to the workers it starts.</param>
/// <param name="executions">Where the workers' printed lines go with their execution; null: the app's log only.</param>
public sealed class RuntimeStarter(
    PoolOptions defaults, TimeProvider time, ILoggerFactory loggers, Services.PlatformServices? services = null, Services.AppEnvironment? environment = null,
    Executions.IExecutionLog? executions = null)
{
    /// <param name="app">The app's name, carried by its workers' log events.</param>
    /// <param name="functionsFile">Where the version's function list is saved.</param>
    /// <param name="cold">Start no worker when a saved function list matches the manifest.</param>
    public async Task<AppRuntime> StartAsync(string app, AppManifest manifest, WorkerLaunch launch, AppLog log, string functionsFile, bool cold, CancellationToken cancellationToken)
    {
        launch = launch with
        {
            Events = new WorkerEvents(loggers.CreateLogger("Faas.Core.Workers"), app),
            Services = services?.Bind(app, log),
            CurrentEnvironment = environment is null ? null : () => environment.Changed(app),
            // A history that records nothing needs no tracking of whose output a line is.
            ExecutionLog = executions is Executions.ExecutionRecorder { Enabled: false } or Executions.NullExecutionLog ? null : executions,
        };
        var options = AppSettingsFile.Apply(defaults, launch.AppDirectory);
        var saved = cold ? LoadSaved(functionsFile, manifest) : null;
        var runtime = await AppRuntime.StartAsync(manifest, launch, log, options, time, saved, cancellationToken).ConfigureAwait(false);
        if (saved is null)
        {
            Save(functionsFile, runtime);
        }
        return runtime;
    }

    private static void Save(string path, AppRuntime runtime)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (language, handles) in runtime.Packages)
            {
                writer.WriteStartObject(language);
                writer.WriteStartArray("handles");
                foreach (var handle in handles)
                {
                    writer.WriteStartObject();
                    writer.WriteString("name", handle.Name);
                    writer.WritePropertyName("funcs");
                    handle.Funcs.WriteTo(writer);
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path + ".tmp", buffer.ToArray());
        File.Move(path + ".tmp", path, overwrite: true);
    }

    /// <summary>The saved functions, if they cover exactly the languages the manifest now lists.</summary>
    private static Dictionary<string, IReadOnlyList<LoadedHandle>>? LoadSaved(string path, AppManifest manifest)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var saved = new Dictionary<string, IReadOnlyList<LoadedHandle>>(StringComparer.Ordinal);
            foreach (var language in document.RootElement.EnumerateObject())
            {
                saved[language.Name] = HandleReader.Read(System.Text.Encoding.UTF8.GetBytes(language.Value.GetRawText()));
            }
            var expected = manifest.Languages.Where(l => l != StaticFiles.Id).Order();
            return saved.Keys.Where(l => l != StaticFiles.Id).Order().SequenceEqual(expected) ? saved : null;
        }
        catch (Exception e) when (e is JsonException or IOException or FaasException or InvalidOperationException or KeyNotFoundException)
        {
            return null;
        }
    }
}
