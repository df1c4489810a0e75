using System.Text.Json;
using Faas.Core.Deployments;

namespace Faas.Server.Endpoints;

/// <summary>Writes the Hub's <c>Deployment[]</c> for <c>/api/inspect</c>, newest first.</summary>
internal static class InspectWriter
{
    public static void Write(Utf8JsonWriter writer, IEnumerable<Deployment> deployments, string prefix)
    {
        writer.WriteStartArray();
        foreach (var deployment in deployments.OrderByDescending(d => d.Record.CreatedAt))
        {
            writer.WriteStartObject();
            writer.WriteString("status", deployment.Status.ToString().ToLowerInvariant());
            writer.WriteString("prefix", prefix);
            writer.WriteString("suffix", deployment.Name.Value);
            writer.WriteString("version", "v1");
            writer.WriteStartObject("packages");
            foreach (var (language, handles) in deployment.Runtime?.Packages ?? new Dictionary<string, IReadOnlyList<Faas.Core.Workers.LoadedHandle>>())
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
            writer.WriteStartArray("ports");
            writer.WriteEndArray();
            if (deployment.Error is { } error)
            {
                writer.WriteString("error", error);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }
}
