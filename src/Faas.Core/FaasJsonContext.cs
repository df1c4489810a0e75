using System.Text.Json.Serialization;

namespace Faas.Core;

[JsonSerializable(typeof(string))]
[JsonSourceGenerationOptions(WriteIndented = false)]
internal sealed partial class FaasJsonContext : JsonSerializerContext;
