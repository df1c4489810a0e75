using System.Reflection;
using System.Runtime.CompilerServices;

namespace Faas.Worker.CSharp;

/// <summary>
/// Which methods an assembly exports: the public static methods of its public, non-nested,
/// non-generic classes, in declaration order, leaving out what JSON cannot call (generic methods,
/// <c>ref</c>/<c>out</c>/pointer/span parameters) and compiler-made members (property accessors, operators).
/// </summary>
internal static class ExportFilter
{
    public static IEnumerable<MethodInfo> Methods(IEnumerable<Type> types) =>
        types.Where(IsExportedClass)
            .OrderBy(t => t.MetadataToken)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(IsCallable)
                .OrderBy(m => m.MetadataToken));

    private static bool IsExportedClass(Type type) =>
        type is { IsClass: true, IsPublic: true, IsNested: false, IsGenericTypeDefinition: false }
        && !typeof(Delegate).IsAssignableFrom(type)
        && !type.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false);

    private static bool IsCallable(MethodInfo method) =>
        !method.IsSpecialName
        && !method.IsGenericMethodDefinition
        && !method.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false)
        && IsPlain(method.ReturnType)
        && method.GetParameters().All(p => IsPlain(p.ParameterType));

    private static bool IsPlain(Type type) => !type.IsByRef && !type.IsPointer && !type.IsByRefLike && !type.IsFunctionPointer;
}
