namespace Faas.Server.OpenApi;

/// <summary>Endpoint metadata: the route reads a multipart form with these fields (it reads the form itself, so ApiExplorer cannot see them).</summary>
internal sealed record MultipartForm(IReadOnlyList<FormField> Fields);
