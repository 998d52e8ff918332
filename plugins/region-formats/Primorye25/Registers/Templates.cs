using Omslite.Sdk.Registry;

namespace Omslite.RegionFormats.Primorye25.Registers;

/// <summary>
/// The template workbooks: the MO's own (<c>&lt;template folder&gt;/&lt;name&gt;.xlsx</c>, when the hub passes a folder
/// and the file is there) or the one shipped inside the plugin (<c>Templates/&lt;name&gt;.xlsx</c>).
/// </summary>
internal static class Templates
{
    public static (byte[] Bytes, string Name) Load(string name, string? templateDirectory)
    {
        var file = name + ".xlsx";
        if (!string.IsNullOrEmpty(templateDirectory) && Path.Combine(templateDirectory, file) is var own && File.Exists(own))
        {
            return (File.ReadAllBytes(own), file);
        }

        using var shipped = typeof(Templates).Assembly.GetManifestResourceStream("templates/" + file)
                            ?? throw new RegionFormatException($"Шаблон {file} не найден");
        using var buffer = new MemoryStream();
        shipped.CopyTo(buffer);
        return (buffer.ToArray(), file);
    }
}
