namespace Faas.Cli.Templates;

/// <summary>
/// The starting files of <c>faas new</c>, per language: a functions app (with its <c>metacall.json</c>, so
/// <c>faas up</c> deploys it as functions) with one <c>hello(name)</c> function, or for Go a web server
/// (standard library only: no module download is possible here) that <c>faas up</c> treats as a server.
/// </summary>
internal static class AppTemplates
{
    public static readonly string[] Languages = ["lua", "node", "ts", "python", "ruby", "go"];

    public static IReadOnlyDictionary<string, string> For(string language, string app) => language switch
    {
        "node" => new Dictionary<string, string>
        {
            ["metacall.json"] = Metacall("node", "index.js"),
            ["index.js"] = "'use strict';\n\n// Every exported function is callable: faas call " + app + " hello '[\"World\"]'\nfunction hello(name) {\n  return `Hello, ${name ?? 'world'}!`;\n}\n\nmodule.exports = { hello };\n",
        },
        "ts" => new Dictionary<string, string>
        {
            ["metacall.json"] = Metacall("ts", "index.ts"),
            ["index.ts"] = "// Every exported function is callable: faas call " + app + " hello '[\"World\"]'\nexport function hello(name: string): string {\n  return `Hello, ${name ?? 'world'}!`;\n}\n",
        },
        "python" => new Dictionary<string, string>
        {
            ["metacall.json"] = Metacall("py", "main.py"),
            ["main.py"] = "# Every top-level function is callable: faas call " + app + " hello '[\"World\"]'\n\n\ndef hello(name: str = \"world\") -> str:\n    return f\"Hello, {name}!\"\n",
        },
        "ruby" => new Dictionary<string, string>
        {
            ["metacall.json"] = Metacall("rb", "main.rb"),
            ["main.rb"] = "# frozen_string_literal: true\n\n# Every top-level method is callable: faas call " + app + " hello '[\"World\"]'\ndef hello(name = 'world')\n  \"Hello, #{name}!\"\nend\n",
        },
        "lua" => new Dictionary<string, string>
        {
            ["main.lua"] = "-- Global functions are callable: faas call " + app + " hello '[\"World\"]'\n-- handler(ctx, event) answers /fn/" + app + ".\nfunction hello(name)\n  return \"Hello, \" .. (name or \"world\") .. \"!\"\nend\n\nfunction handler(ctx, event)\n  return { statusCode = 200, body = \"Hello from " + app + "!\" }\nend\n",
        },
        "go" => new Dictionary<string, string>
        {
            ["go.mod"] = $"module {GoModule(app)}\n\ngo 1.19\n",
            ["main.go"] = "package main\n\n// A web server: faas up runs it with PORT set (on loopback) and proxies /invoke/" + app + " to it.\n// Standard library only: modules cannot be downloaded here.\n\nimport (\n\t\"fmt\"\n\t\"net/http\"\n\t\"os\"\n)\n\nfunc main() {\n\tport := os.Getenv(\"PORT\")\n\tif port == \"\" {\n\t\tport = \"8000\"\n\t}\n\thttp.HandleFunc(\"/\", func(w http.ResponseWriter, r *http.Request) {\n\t\tfmt.Fprintf(w, \"Hello from " + app + "! (%s %s)\\n\", r.Method, r.URL.Path)\n\t})\n\tif err := http.ListenAndServe(\"127.0.0.1:\"+port, nil); err != nil {\n\t\tfmt.Fprintln(os.Stderr, err)\n\t\tos.Exit(1)\n\t}\n}\n",
        },
        _ => throw new CliException(ExitCode.Usage, $"'{language}' is not a template language: {string.Join(", ", Languages)}."),
    };

    private static string Metacall(string languageId, string script) =>
        $"{{\n  \"language_id\": \"{languageId}\",\n  \"path\": \".\",\n  \"scripts\": [\"{script}\"]\n}}\n";

    private static string GoModule(string app) => new([.. app.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? char.ToLowerInvariant(c) : '-')]);
}
