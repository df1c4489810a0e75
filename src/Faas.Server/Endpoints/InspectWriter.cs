using System.Text.Json;
using Faas.Core.Deployments;
using Faas.Core.Workers;

namespace Faas.Server.Endpoints;

/// <summary>
/// Writes the Hub's <c>Deployment[]</c> for <c>/api/inspect</c>, newest first: the active version's
/// functions under <c>packages</c>, plus (ours) every kept version, the last failed deploy and, for an HTTP-server app, <c>server</c>.
/// </summary>
internal static class InspectWriter
{
    public static void Write(Utf8JsonWriter writer, IEnumerable<Deployment> deployments, string prefix)
    {
        writer.WriteStartArray();
        foreach (var deployment in deployments.OrderByDescending(d => d.Record.CreatedAt))
        {
            var active = deployment.Active;
            writer.WriteStartObject();
            writer.WriteString("status", deployment.Status.ToString().ToLowerInvariant());
            writer.WriteString("prefix", prefix);
            writer.WriteString("suffix", deployment.Name.Value);
            writer.WriteString("version", active?.Id ?? VersionId.Format(deployment.Record.NextVersion));
            WritePackages(writer, active?.Runtime.Packages ?? new Dictionary<string, IReadOnlyList<LoadedHandle>>());
            writer.WriteStartArray("ports");
            writer.WriteEndArray();
            if (deployment.Error is { } error)
            {
                writer.WriteString("error", error);
            }
            if (active?.Runtime.Server is { } server)
            {
                // Ours: an HTTP-server app, reached at /invoke/{app}; not running = idle (or between crash restarts).
                writer.WriteStartObject("server");
                writer.WriteString("kind", server.Kind);
                writer.WriteBoolean("running", server.IsRunning);
                writer.WriteString("url", $"/invoke/{deployment.Name.Value}");
                writer.WriteEndObject();
            }
            WriteVersions(writer, deployment);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private static void WritePackages(Utf8JsonWriter writer, IReadOnlyDictionary<string, IReadOnlyList<LoadedHandle>> packages)
    {
        writer.WriteStartObject("packages");
        foreach (var (language, handles) in packages)
        {
            writer.WriteStartArray(language);
            foreach (var handle in handles)
            {
                writer.WriteStartObject();
                writer.WriteString("name", handle.Name);
                writer.WriteStartObject("scope");
                writer.WriteString("name", "global_namespace");
                writer.WritePropertyName("funcs");
                handle.Funcs.WriteTo(writer);
                writer.WriteStartArray("classes");
                writer.WriteEndArray();
                writer.WriteStartArray("objects");
                writer.WriteEndArray();
                writer.WriteEndObject();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }

    private static void WriteVersions(Utf8JsonWriter writer, Deployment deployment)
    {
        var record = deployment.Record;
        writer.WriteStartArray("versions");
        foreach (var version in deployment.Versions.Values.OrderByDescending(v => v.Number))
        {
            writer.WriteStartObject();
            writer.WriteString("version", version.Id);
            writer.WriteBoolean("active", version == deployment.Active);
            writer.WriteString("status", "ready");
            writer.WriteString("createdAt", version.Record.CreatedAt);
            writer.WriteString("source", version.Record.Source);
            if (version.Record.RepositoryUrl is { } url)
            {
                writer.WriteString("repositoryUrl", url);
                writer.WriteString("branch", version.Record.Branch);
            }
            writer.WriteString("hash", version.Record.Hash);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        if (record.Deploying is { } deploying)
        {
            writer.WriteString("deploying", VersionId.Format(deploying));
        }
        if (record.LastFailure is { } failure)
        {
            writer.WriteStartObject("lastFailure");
            writer.WriteString("version", VersionId.Format(failure.Version));
            writer.WriteString("status", "fail");
            writer.WriteString("at", failure.At);
            writer.WriteString("error", failure.Reason);
            writer.WriteEndObject();
        }
    }
}
