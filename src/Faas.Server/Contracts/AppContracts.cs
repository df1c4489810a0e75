using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Faas.Core.Diffs;
using Faas.Server.OpenApi;

namespace Faas.Server.Contracts;

[Description("An app in the list.")]
public sealed record AppSummary(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("status"), Description("`create` (uploaded or deploying), `ready` or `fail`.")] string Status,
    [property: JsonPropertyName("activeVersion"), Description("The version /fn and `latest` run; null before the first deploy succeeds.")] string? ActiveVersion,
    [property: JsonPropertyName("versions"), Description("How many versions are kept.")] int Versions,
    [property: JsonPropertyName("source"), Description("`Package`, `Repository`, `Upload` or `Code` (a single-file app).")] string Source,
    [property: JsonPropertyName("createdAt")] DateTimeOffset CreatedAt);

[Description("A page of apps, by name.")]
[JsonExample("""{"apps": [{"name": "hello", "status": "ready", "activeVersion": "v2", "versions": 2, "source": "Code", "createdAt": "2026-11-30T11:00:00+00:00"}], "pagination": {"total": 1, "limit": 20, "offset": 0}}""")]
public sealed record AppListResponse(
    [property: JsonPropertyName("apps")] IReadOnlyList<AppSummary> Apps,
    [property: JsonPropertyName("pagination")] Pagination Pagination);

[Description("A kept version.")]
[JsonExample("""{"id": "v2", "number": 2, "active": true, "createdAt": "2026-11-30T11:00:00+00:00", "source": "Code", "hash": "9f2c..."}""")]
public sealed record VersionSummary(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("number")] int Number,
    [property: JsonPropertyName("active")] bool Active,
    [property: JsonPropertyName("createdAt")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("hash"), Description("SHA-256 of the version's source files.")] string Hash);

[Description("A page of an app's kept versions, newest first.")]
[JsonExample("""{"versions": [{"id": "v2", "number": 2, "active": true, "createdAt": "2026-11-30T11:00:00+00:00", "source": "Code", "hash": "9f2c..."}], "pagination": {"total": 1, "limit": 20, "offset": 0}}""")]
public sealed record VersionListResponse(
    [property: JsonPropertyName("versions")] IReadOnlyList<VersionSummary> Versions,
    [property: JsonPropertyName("pagination")] Pagination Pagination);

[Description("A kept version with its files, and its code when the app is a single-file app.")]
[JsonExample("""{"version": {"id": "v1", "number": 1, "active": true, "createdAt": "2026-11-30T11:00:00+00:00", "source": "Code", "hash": "9f2c..."}, "files": ["index.js", "metacall.json"], "code": "module.exports = { handler: () => ({ body: 'hi' }) };"}""")]
public sealed record VersionDetailResponse(
    [property: JsonPropertyName("version")] VersionSummary Version,
    [property: JsonPropertyName("files"), Description("The version's source files (not installed dependencies).")] IReadOnlyList<string> Files,
    [property: JsonPropertyName("code"), Description("The source of a single-file app; null for other apps.")] string? Code);

[Description("One source file of a kept version.")]
[JsonExample("""{"path": "index.js", "size": 52, "binary": false, "content": "module.exports = { handler: () => ({ body: 'hi' }) };"}""")]
public sealed record VersionFileResponse(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("size"), Description("Bytes.")] long Size,
    [property: JsonPropertyName("binary"), Description("True when the file is not UTF-8 text or is over 1 MiB: `content` is then null.")] bool Binary,
    [property: JsonPropertyName("content")] string? Content);

[Description("A function the active version exports.")]
public sealed record FunctionSummary(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("language")] string Language,
    [property: JsonPropertyName("parameters")] IReadOnlyList<string> Parameters,
    [property: JsonPropertyName("async")] bool Async);

[Description("An app with its versions and the functions of its active version.")]
[JsonExample("""{"name": "hello", "status": "ready", "error": null, "activeVersion": "v1", "source": "Code", "createdAt": "2026-11-30T11:00:00+00:00", "handler": "handler", "versions": [{"id": "v1", "number": 1, "active": true, "createdAt": "2026-11-30T11:00:00+00:00", "source": "Code", "hash": "9f2c..."}], "functions": [{"name": "handler", "language": "node", "parameters": ["ctx", "event"], "async": false}]}""")]
public sealed record AppDetailResponse(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("error"), Description("Why the app cannot serve (status `fail`).")] string? Error,
    [property: JsonPropertyName("activeVersion")] string? ActiveVersion,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("createdAt")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("handler"), Description("The function /fn/{app} runs.")] string Handler,
    [property: JsonPropertyName("versions")] IReadOnlyList<VersionSummary> Versions,
    [property: JsonPropertyName("functions")] IReadOnlyList<FunctionSummary> Functions);

[Description("A single-file function: its name, language and source text.")]
[JsonExample("""{"name": "hello", "language": "node", "code": "module.exports = { handler: (ctx, event) => ({ body: 'hello ' + (event.query.name || 'world') }) };"}""")]
public sealed record CreateAppRequest(
    [property: JsonPropertyName("name"), Required, Description("The app's name (letters, digits, `-`, `_`, `.`).")] string? Name,
    [property: JsonPropertyName("language"), Required, Description("A language id: `node`, `ts`, `py`, `rb`, `cs` (`lua` once installed); see GET /api/runtimes.")] string? Language,
    [property: JsonPropertyName("code"), Required, Description("The source text (up to 1 MiB).")] string? Code);

[Description("The next version's source text.")]
[JsonExample("""{"code": "module.exports = { handler: () => ({ body: 'v2' }) };"}""")]
public sealed record UpdateCodeRequest([property: JsonPropertyName("code"), Required] string? Code);

[Description("The files that differ between two versions, line by line.")]
[JsonExample("""{"from": "v1", "to": "v2", "files": [{"path": "index.js", "status": "modified", "binary": false, "added": 1, "removed": 1, "lines": [{"type": "removed", "oldLine": 1, "newLine": null, "content": "a"}, {"type": "added", "oldLine": null, "newLine": 1, "content": "b"}]}]}""")]
public sealed record DiffResponse(
    [property: JsonPropertyName("from")] string From,
    [property: JsonPropertyName("to")] string To,
    [property: JsonPropertyName("files"), Description("Only files that differ: `added`, `removed` or `modified`; lines are `unchanged`, `added` or `removed`.")] IReadOnlyList<FileDiff> Files);
