using System.Text.Json;
using Faas.Core.Apps;
using Faas.Core.Logging;
using Faas.Core.Manifests;
using Faas.Core.Pools;
using Faas.Core.Storage;
using Faas.Core.Workers;
using Microsoft.Extensions.Logging;

namespace Faas.Core.Deployments;

/// <summary>
/// Starts an app's runtime with its pool settings (the server's, overridden by its faas.json). After a
/// deploy the functions each language reported are saved, so a restart can register the app at once
/// and start its workers on the first call instead of before readiness.
/// </summary>
public sealed class RuntimeStarter(DataLayout layout, PoolOptions defaults, TimeProvider time, ILoggerFactory loggers)
{
    public async Task<AppRuntime> StartAsync(AppName name, AppManifest manifest, WorkerLaunch launch, AppLog log, bool restoring, CancellationToken cancellationToken)
    {
        launch = launch with { Events = new WorkerEvents(loggers.CreateLogger("Faas.Core.Workers"), name.Value) };
        var options = AppSettingsFile.Apply(defaults, launch.AppDirectory);
        var saved = restoring ? LoadSaved(name, manifest) : null;
        var runtime = await AppRuntime.StartAsync(manifest, launch, log, options, time, saved, cancellationToken).ConfigureAwait(false);
        if (saved is null)
        {
            Save(name, runtime);
        }
        return runtime;
    }

    private string SavedFile(AppName name) => Path.Combine(layout.AppStateDirectory(name), "functions.json");

    private void Save(AppName name, AppRuntime runtime)
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
        var path = SavedFile(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path + ".tmp", buffer.ToArray());
        File.Move(path + ".tmp", path, overwrite: true);
    }

    /// <summary>The saved functions, if they cover exactly the languages the manifest now lists.</summary>
    private Dictionary<string, IReadOnlyList<LoadedHandle>>? LoadSaved(AppName name, AppManifest manifest)
    {
        var path = SavedFile(name);
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
            var expected = manifest.Languages.Where(l => l != WorkerRuntimes.File).Order();
            return saved.Keys.Where(l => l != WorkerRuntimes.File).Order().SequenceEqual(expected) ? saved : null;
        }
        catch (Exception e) when (e is JsonException or IOException or FaasException or InvalidOperationException or KeyNotFoundException)
        {
            return null;
        }
    }
}
