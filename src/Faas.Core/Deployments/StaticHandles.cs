using System.Text.Json;

namespace Faas.Core.Deployments;

internal static class StaticHandles
{
    public static JsonElement EmptyFuncs { get; } = JsonDocument.Parse("[]").RootElement.Clone();
}
