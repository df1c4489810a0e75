namespace Faas.Server.OpenApi;

/// <summary>One field of a multipart form, as Swagger UI shows it.</summary>
internal sealed record FormField(string Name, string Description, bool Required = false, bool IsFile = false, string? Example = null);
