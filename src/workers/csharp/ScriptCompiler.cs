using System.Globalization;
using System.Runtime.Loader;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Text;

namespace Faas.Worker.CSharp;

/// <summary>
/// Compiles an app's <c>.cs</c> scripts together with Roslyn into one in-memory assembly, against
/// the framework this worker runs on, with the SDK's implicit usings (<c>System</c>, <c>System.Linq</c>,
/// <c>System.Threading.Tasks</c>...). Compile errors fail the load, naming the file and line.
/// </summary>
internal static class ScriptCompiler
{
    private const int ErrorsInMessage = 5;

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly CSharpCompilationOptions CompilationOptions = new(
        OutputKind.DynamicallyLinkedLibrary,
        optimizationLevel: OptimizationLevel.Release,
        nullableContextOptions: NullableContextOptions.Enable,
        allowUnsafe: true);

    private const string ImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        """;

    public static CompiledScripts Compile(IReadOnlyList<ScriptFile> scripts)
    {
        var trees = new List<SyntaxTree> { CSharpSyntaxTree.ParseText(ImplicitUsings, ParseOptions) };
        var owners = new Dictionary<SyntaxTree, ScriptFile>();
        foreach (var script in scripts)
        {
            var tree = CSharpSyntaxTree.ParseText(Read(script), ParseOptions, script.Path);
            trees.Add(tree);
            owners[tree] = script;
        }
        var compilation = CSharpCompilation.Create($"faas-scripts-{Guid.NewGuid():N}", trees, FrameworkReferences.All, CompilationOptions);
        using var image = new MemoryStream();
        // The PDB goes inside the image, so exceptions in the app's log show file and line.
        var result = compilation.Emit(image, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.Embedded));
        if (!result.Success)
        {
            throw new LoadException(Describe(result.Diagnostics, owners), "CompilationErrorException");
        }
        image.Position = 0;
        var assembly = AssemblyLoadContext.Default.LoadFromStream(image);
        return new CompiledScripts(assembly, ScriptsOfTypes(compilation, owners));
    }

    private static SourceText Read(ScriptFile script)
    {
        try
        {
            using var stream = File.OpenRead(script.Path);
            return SourceText.From(stream, Encoding.UTF8, canBeEmbedded: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LoadException($"{script.Name}: {e.Message}", e.GetType().Name);
        }
    }

    /// <summary>The first errors, in script order, as <c>Functions.cs(3,12): error CS1002: ; expected</c>.</summary>
    private static string Describe(IEnumerable<Diagnostic> diagnostics, Dictionary<SyntaxTree, ScriptFile> owners)
    {
        var order = owners.Keys.Select((tree, index) => (tree, index)).ToDictionary(p => p.tree, p => p.index);
        var errors = diagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .OrderBy(d => d.Location.SourceTree is { } tree && order.TryGetValue(tree, out var index) ? index : -1)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .Select(d => Format(d, owners))
            .ToList();
        if (errors.Count > ErrorsInMessage)
        {
            // The load error (logged too) shows the first few: the log gets them all.
            Console.Error.WriteLine($"faas worker: {errors.Count} compile errors:\n{string.Join('\n', errors)}");
        }
        var shown = string.Join('\n', errors.Take(ErrorsInMessage));
        return errors.Count > ErrorsInMessage ? $"{shown}\n(and {errors.Count - ErrorsInMessage} more errors)" : shown;
    }

    private static string Format(Diagnostic diagnostic, Dictionary<SyntaxTree, ScriptFile> owners)
    {
        var message = diagnostic.GetMessage(CultureInfo.InvariantCulture);
        if (diagnostic.Location.SourceTree is { } tree && owners.TryGetValue(tree, out var script))
        {
            var start = diagnostic.Location.GetLineSpan().StartLinePosition;
            return $"{script.Name}({start.Line + 1},{start.Character + 1}): error {diagnostic.Id}: {message}";
        }
        return $"error {diagnostic.Id}: {message}";
    }

    /// <summary>Which script declares each top-level type, by the type's full metadata name (as <see cref="Type.FullName"/>).</summary>
    private static Dictionary<string, string> ScriptsOfTypes(CSharpCompilation compilation, Dictionary<SyntaxTree, ScriptFile> owners)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var pending = new Stack<INamespaceSymbol>([compilation.Assembly.GlobalNamespace]);
        while (pending.TryPop(out var ns))
        {
            foreach (var type in ns.GetTypeMembers())
            {
                var tree = type.Locations.FirstOrDefault(l => l.IsInSource)?.SourceTree;
                if (tree is not null && owners.TryGetValue(tree, out var script))
                {
                    map[ns.IsGlobalNamespace ? type.MetadataName : $"{ns.ToDisplayString()}.{type.MetadataName}"] = script.Name;
                }
            }
            foreach (var child in ns.GetNamespaceMembers())
            {
                pending.Push(child);
            }
        }
        return map;
    }
}
