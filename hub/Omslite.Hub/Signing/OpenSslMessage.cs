using System.Text.RegularExpressions;

namespace Omslite.Hub.Signing;

/// <summary>
/// A failed openssl run as a Russian reason for the user that keeps OpenSSL's own words: the known causes get a plain
/// explanation first, then "(OpenSSL: ...)" with the tool's readable lines and the reasons of its error stack.
/// </summary>
public static partial class OpenSslMessage
{
    private const int MaxDetail = 500;

    /// <summary>Known causes, by a phrase of OpenSSL's output, most specific first.</summary>
    private static readonly (string Phrase, Func<string, string> Explain)[] Known =
    [
        ("Invalid engine", engine => $"в OpenSSL нет движка ГОСТ «{engine}» (установите пакет libengine-gost-openssl или укажите движок в настройке Omslite:Signing:Engine)"),
        ("no such engine", engine => $"в OpenSSL нет движка ГОСТ «{engine}» (установите пакет libengine-gost-openssl или укажите движок в настройке Omslite:Signing:Engine)"),
        ("private key does not match certificate", _ => "закрытый ключ не соответствует сертификату"),
        ("key values mismatch", _ => "закрытый ключ не соответствует сертификату"),
        ("Could not read signing key", _ => "закрытый ключ не читается"),
        ("signer certificate", _ => "сертификат подписанта не читается"),
        ("certificate verify error", _ => "сертификат не проверяется цепочкой УЦ"),
    ];

    /// <summary>The reason of a failed run, e.g. "закрытый ключ не соответствует сертификату (OpenSSL: ...)".</summary>
    public static string Describe(OpenSslRun run, string engine)
    {
        var detail = Detail(run.Errors);
        var known = Known.FirstOrDefault(k => run.Errors.Contains(k.Phrase, StringComparison.OrdinalIgnoreCase));
        var lead = known.Explain is null ? $"OpenSSL завершился с кодом {run.ExitCode}" : known.Explain(engine);
        return detail.Length == 0 ? lead : $"{lead} (OpenSSL: {detail})";
    }

    /// <summary>OpenSSL's readable lines, then the distinct reasons of its error stack, on one line.</summary>
    public static string Detail(string errors)
    {
        var parts = new List<string>();
        foreach (var raw in errors.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || EngineSet().IsMatch(line) || line.StartsWith("Enter pass phrase", StringComparison.Ordinal))
            {
                continue;
            }

            var stack = StackLine().Match(line);
            var part = !stack.Success ? line
                : stack.Groups["data"].Value.Trim() is { Length: > 0 } data ? $"{stack.Groups["reason"].Value.Trim()}: {data}"
                : stack.Groups["reason"].Value.Trim();
            if (part.Length > 0 && !parts.Contains(part, StringComparer.OrdinalIgnoreCase))
            {
                parts.Add(part);
            }
        }

        var text = string.Join("; ", parts);
        return text.Length <= MaxDetail ? text : text[..MaxDetail] + "…";
    }

    // "80CB...:error:05800074:x509 certificate routines:X509_check_private_key:key values mismatch:../crypto/x509/x509_cmp.c:403:"
    // and "...:certificate verify error:../crypto/cms/cms_smime.c:289:Verify error: self-signed certificate" (extra data).
    [GeneratedRegex(@"^[0-9A-F]+:error:[0-9A-F]+:[^:]*:[^:]*:(?<reason>[^:]*):(?:[^:]*:\d+:(?<data>.*))?")]
    private static partial Regex StackLine();

    [GeneratedRegex("^Engine \".*\" set\\.$")]
    private static partial Regex EngineSet();
}
