using System.Text.Json.Serialization;

namespace Faas.Core.Tests.Fuzz;

[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class FuzzJsonContext : JsonSerializerContext;
