using Omslite.Sdk.Connectors;
using Omslite.Sdk.Registry;
using static Omslite.RegionFormats.FederalBaseline.Tests.Sample;

namespace Omslite.RegionFormats.FederalBaseline.Tests;

/// <summary>The receiver and the constants come from the MO; what is missing is named in Russian before any case is
/// read, and no zip is written.</summary>
public class SettingsTests
{
    [Fact]
    public async Task Missing_mo_settings_are_all_named_in_one_message()
    {
        var bare = Mo with { Lpu1 = null, Plat = " ", Settings = new Dictionary<string, string>() };

        var ex = await Assert.ThrowsAsync<RegionFormatException>(() => PackAsync([Ct], mo: bare));

        Assert.Equal("Для формата federal-baseline в настройках МО не заданы: LPU_1, PLAT, PROFIL_M (settings.profilM), MOP (settings.mop)", ex.Message);
    }

    [Fact]
    public async Task One_missing_setting_is_named_alone()
    {
        var ex = await Assert.ThrowsAsync<RegionFormatException>(() => PackAsync([Ct], mo: Mo with { Plat = null }));

        Assert.Equal("Для формата federal-baseline в настройках МО не заданы: PLAT", ex.Message);
    }

    [Fact]
    public void The_check_of_one_case_needs_the_settings_too()
    {
        var ex = Assert.Throws<RegionFormatException>(() => new FederalBaselineFormat().Check(Ct, Mo with { Lpu1 = null }));

        Assert.Equal("Для формата federal-baseline в настройках МО не заданы: LPU_1", ex.Message);
    }

    [Theory]
    [InlineData("", "Код региона МО (ТФОМС-получатель в именах файлов) должен состоять из 2 цифр: «»")]
    [InlineData("250", "Код региона МО (ТФОМС-получатель в именах файлов) должен состоять из 2 цифр: «250»")]
    public async Task The_receiver_must_be_a_two_digit_region_code(string region, string message)
    {
        var ex = await Assert.ThrowsAsync<RegionFormatException>(() => PackAsync([Ct], mo: Mo with { Region = region }));

        Assert.Equal(message, ex.Message);
    }

    [Theory]
    [InlineData("idsp", "x", "Настройка МО «idsp» неверна: «x» (ожидается код V010)")]
    [InlineData("pCel", "21", "Настройка МО «pCel» неверна: «21» (ожидается код V025, например 2.1)")]
    [InlineData("mop", "один", "Настройка МО «mop» неверна: «один» (ожидается целое число)")]
    public async Task A_setting_that_cannot_be_used_is_named_with_its_value(string key, string value, string message)
    {
        var mo = Mo with { Settings = new Dictionary<string, string>(Mo.Settings) { [key] = value } };

        var ex = await Assert.ThrowsAsync<RegionFormatException>(() => PackAsync([Ct], mo: mo));

        Assert.Equal(message, ex.Message);
    }

    [Theory]
    [InlineData(2025, 12, 1, "Формат federal-baseline не описан для отчётного периода 2025-12: первый поддерживаемый — 2026-01")]
    [InlineData(2026, 13, 1, "Неверный месяц отчёта: 13 (ожидается 1–12)")]
    [InlineData(2026, 1, 10, "Неверный номер пакета: 10 (ожидается 1–9)")]
    public async Task A_period_or_number_the_format_does_not_serve_is_refused(int year, int month, int number, string message)
    {
        var ex = await Assert.ThrowsAsync<RegionFormatException>(() => PackAsync([Ct], number, period: new ReportPeriod(year, month)));

        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public void The_versions_are_listed_by_period()
    {
        var versions = new FederalBaselineFormat().Versions;

        var version = versions.For(new ReportPeriod(2027, 3))!;
        Assert.Equal(new Dictionary<string, string> { ["H"] = "6.0", ["L"] = "3.2" }, version.Files);
        Assert.Null(versions.For(new ReportPeriod(2025, 12)));
    }
}
