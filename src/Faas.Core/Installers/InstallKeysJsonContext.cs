using System.Text.Json.Serialization;

namespace Faas.Core.Installers;

[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSourceGenerationOptions(WriteIndented = true)]
internal sealed partial class InstallKeysJsonContext : JsonSerializerContext;
