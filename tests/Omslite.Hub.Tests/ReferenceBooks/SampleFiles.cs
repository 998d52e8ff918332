using System.IO.Compression;
using System.Text;
using Omslite.Hub.Tests.Infrastructure;

namespace Omslite.Hub.Tests.ReferenceBooks;

/// <summary>Sample NSI and tariff files written the way FFOMS and clinics write them.</summary>
public static class SampleFiles
{
    public static readonly Encoding Windows1251;

    static SampleFiles()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Windows1251 = Encoding.GetEncoding(1251);
    }

    /// <summary>An FFOMS packet: the declaration names the encoding, an optional zglv, then the records as given.</summary>
    public static string Packet(string encoding, string? type, string records, string? version = "1.0") =>
        $"""
        <?xml version="1.0" encoding="{encoding}"?>
        <packet>
        {(type is null ? "" : $"<zglv><type>{type}</type><version>{version}</version><date>01.01.2025</date></zglv>")}
        {records}
        </packet>
        """;

    public static string Write(string name, string text, Encoding encoding)
    {
        var path = Path.Combine(TempDir.Create("nsi"), name);
        File.WriteAllBytes(path, encoding.GetBytes(text));
        return path;
    }

    public static string WriteBytes(string name, byte[] bytes)
    {
        var path = Path.Combine(TempDir.Create("nsi"), name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>A zip holding the given entries (a null content makes a directory entry).</summary>
    public static string Zip(string name, params (string Entry, byte[]? Content)[] entries)
    {
        var path = Path.Combine(TempDir.Create("nsi"), name);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (entry, content) in entries)
        {
            var created = zip.CreateEntry(entry);
            if (content is not null)
            {
                using var stream = created.Open();
                stream.Write(content);
            }
        }

        return path;
    }

    public static readonly string F002Records =
        """
        <zap>
          <tf_okato>05000</tf_okato>
          <smocod>25011</smocod>
          <nam_smop>ООО СМО "Восточно-страховой альянс"</nam_smop>
          <nam_smok>ВС Альянс</nam_smok>
          <Ogrn>1022501302955</Ogrn>
          <d_begin>01.01.2011</d_begin>
          <d_end></d_end>
        </zap>
        <zap>
          <tf_okato>05000</tf_okato>
          <smocod>25016</smocod>
          <nam_smop>ООО «СВ Прим»</nam_smop>
          <nam_smok>СВ Прим</nam_smok>
          <d_begin>01.01.2011</d_begin>
          <d_end>31.12.2018</d_end>
        </zap>
        <zap>
          <tf_okato>05000</tf_okato>
          <smocod>25016</smocod>
          <nam_smop>ООО «СВ Прим» (после реорганизации)</nam_smop>
          <nam_smok>СВ Прим</nam_smok>
          <d_begin>01.01.2019</d_begin>
        </zap>
        """;

    public static readonly string F003Records =
        """
        <zap><tf_okato>05000</tf_okato><mcod>250999</mcod><nam_mop>ООО «Демо-центр КТ и МРТ»</nam_mop><nam_mok>Демо-центр</nam_mok><d_begin>01.01.2020</d_begin><d_end/></zap>
        <zap><TF_OKATO>05000</TF_OKATO><MCOD>250028</MCOD><NAM_MOP>КГБУЗ «Владивостокская поликлиника № 3»</NAM_MOP><NAM_MOK>ВП № 3</NAM_MOK><D_BEGIN>01.01.2011</D_BEGIN></zap>
        <zap><tf_okato>05000</tf_okato><mcod>250796</mcod><nam_mop>ООО «Центр томографии»</nam_mop><nam_mok>ЦТ</nam_mok><d_begin>01.01.2015</d_begin><d_end>31.12.2023</d_end></zap>
        """;

    public static readonly string V021Records =
        """
        <zap><IDSPEC>60</IDSPEC><SPECNAME>Рентгенология</SPECNAME><POSTNAME>врач-рентгенолог</POSTNAME><DATEBEG>01.01.2016</DATEBEG><DATEEND></DATEEND></zap>
        <zap><IDSPEC>76</IDSPEC><SPECNAME>Терапия</SPECNAME><DATEBEG>01.01.2016</DATEBEG><DATEEND></DATEEND></zap>
        """;

    public static readonly string MkbRecords =
        """
        <zap><IDDS>Z01.6</IDDS><DSNAME>Рентгенологическое исследование, не классифицированное в других рубриках</DSNAME><OMS>1</OMS><OMS_DS>0</OMS_DS><DATEBEG>01.01.2011</DATEBEG></zap>
        <zap><IDDS>R91</IDDS><DSNAME>Отклонения от нормы, выявленные при получении диагностического изображения в ходе исследования легких</DSNAME><OMS>1</OMS><OMS_DS>1</OMS_DS><DATEBEG>01.01.2011</DATEBEG></zap>
        <zap><IDDS>S52.5</IDDS><DSNAME>Перелом нижнего конца лучевой кости</DSNAME><DATEBEG>01.01.2011</DATEBEG></zap>
        """;
}
