using System.Reflection;
using Omslite.Sdk.Connectors;

namespace Omslite.MisConnectors.SqlMapping;

/// <summary>
/// A mapping: the two SELECT statements that turn one MIS schema into canonical cases, and how to name them in
/// messages. Chosen by the source's settings (see <see cref="Settings"/>).
/// </summary>
/// <param name="Name">The mapping's name, e.g. <c>sample-clinic</c>.</param>
/// <param name="CasesSql">The cases query.</param>
/// <param name="CasesName">How messages name it, e.g. <c>mappings/sample-clinic/cases.sql</c>.</param>
/// <param name="ServicesSql">The services query.</param>
/// <param name="ServicesName">How messages name it.</param>
public sealed record Mapping(string Name, string CasesSql, string CasesName, string ServicesSql, string ServicesName)
{
    /// <summary>The cases query as it is run: without comments.</summary>
    internal string CasesCommandText { get; } = SqlText.StripComments(CasesSql);

    /// <summary>The services query as it is run: without comments.</summary>
    internal string ServicesCommandText { get; } = SqlText.StripComments(ServicesSql);

    /// <summary>The mapping a source gets when it sets nothing.</summary>
    public const string DefaultName = "sample-clinic";

    /// <summary>The file of the cases query in a mapping folder.</summary>
    public const string CasesFile = "cases.sql";

    /// <summary>The file of the services query in a mapping folder.</summary>
    public const string ServicesFile = "services.sql";

    /// <summary>The source settings a SQL-mapping connector reads.</summary>
    public static class Settings
    {
        /// <summary>The name of a mapping folder shipped in the plugin folder (<c>mappings/&lt;name&gt;</c>).</summary>
        public const string Mapping = "Mapping";

        /// <summary>A folder anywhere holding <c>cases.sql</c> and <c>services.sql</c>; wins over <see cref="Mapping"/>.</summary>
        public const string MappingDir = "MappingDir";

        /// <summary>The cases query itself; with <see cref="ServicesSql"/> it wins over any folder.</summary>
        public const string CasesSql = "CasesSql";

        /// <summary>The services query itself.</summary>
        public const string ServicesSql = "ServicesSql";

        /// <summary>Seconds a query may run (default 600).</summary>
        public const string CommandTimeout = "CommandTimeout";
    }

    /// <summary>
    /// The mapping a source asks for: inline statements, else a folder (<c>MappingDir</c>), else a named folder
    /// under <c>mappings/</c> next to the plugin assembly, else the same name embedded in the plugin assembly.
    /// </summary>
    /// <exception cref="SqlMappingException">The mapping cannot be found or read.</exception>
    public static Mapping Resolve(SourceConnection connection, Assembly plugin)
    {
        var casesSql = connection.Setting(Settings.CasesSql);
        var servicesSql = connection.Setting(Settings.ServicesSql);
        if (casesSql is not null || servicesSql is not null)
        {
            if (casesSql is null || servicesSql is null)
            {
                throw new SqlMappingException(
                    $"Запросы сопоставления задаются парой: укажите в настройках источника и {Settings.CasesSql}, и {Settings.ServicesSql}.");
            }

            return new Mapping("inline", casesSql, $"из настройки {Settings.CasesSql}", servicesSql, $"из настройки {Settings.ServicesSql}");
        }

        if (connection.Setting(Settings.MappingDir) is { } dir)
        {
            return FromFolder(Path.GetFileName(Path.TrimEndingDirectorySeparator(dir)), dir, dir)
                   ?? throw new SqlMappingException($"В папке сопоставления {dir} нет файлов {CasesFile} и {ServicesFile}.");
        }

        var name = connection.Setting(Settings.Mapping, DefaultName)!;
        if (name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            throw new SqlMappingException($"Имя сопоставления «{name}» допускает только латинские буквы, цифры, «-» и «_».");
        }

        var pluginDir = Path.GetDirectoryName(plugin.Location);
        if (!string.IsNullOrEmpty(pluginDir)
            && FromFolder(name, Path.Combine(pluginDir, "mappings", name), $"mappings/{name}") is { } shipped)
        {
            return shipped;
        }

        return FromResources(name, plugin)
               ?? throw new SqlMappingException(
                   $"Сопоставление «{name}» не найдено: нет папки mappings/{name} с файлами {CasesFile} и {ServicesFile} в папке плагина.");
    }

    private static Mapping? FromFolder(string name, string dir, string displayDir)
    {
        var cases = Path.Combine(dir, CasesFile);
        var services = Path.Combine(dir, ServicesFile);
        if (!File.Exists(cases) && !File.Exists(services))
        {
            return null;
        }

        return new Mapping(name, ReadFile(cases, $"{displayDir}/{CasesFile}"), $"{displayDir}/{CasesFile}",
            ReadFile(services, $"{displayDir}/{ServicesFile}"), $"{displayDir}/{ServicesFile}");
    }

    private static string ReadFile(string path, string displayName)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SqlMappingException($"Не удалось прочитать файл сопоставления {displayName}: {ex.Message}", ex);
        }
    }

    private static Mapping? FromResources(string name, Assembly plugin)
    {
        var cases = ReadResource(plugin, $"mappings/{name}/{CasesFile}");
        var services = ReadResource(plugin, $"mappings/{name}/{ServicesFile}");
        return cases is null || services is null
            ? null
            : new Mapping(name, cases, $"mappings/{name}/{CasesFile}", services, $"mappings/{name}/{ServicesFile}");
    }

    /// <summary>A text resource of an assembly, or null.</summary>
    public static string? ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
