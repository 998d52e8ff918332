using Omslite.Sdk.Registry;
using static Omslite.RegionFormats.Primorye25.Tests.CheckRuleTests;
using static Omslite.RegionFormats.Primorye25.Tests.Sample;

namespace Omslite.RegionFormats.Primorye25.Tests;

/// <summary>The computed values of registry-pack-25.md §5, each through the written ZAP/SL/PERS lines.</summary>
public class ComputedFieldTests
{
    private static readonly RegistryCase Consultation =
        Case with { Specialty = new RegistrySpecialty(27, 97), Purpose = 1, Services = [], Referral = null };

    [Theory]
    [InlineData("diagnostics (PURP 4, PRVS 60)", 60, 78, 4, 3, 1, 0, "28")]
    [InlineData("urgent", 27, 97, 1, 2, 1, 0, "29")]
    [InlineData("stomatology", 27, 85, 1, 3, 2, 0, "28")]
    [InlineData("preventive purpose 21", 27, 97, 21, 3, 2, 0, "28")]
    [InlineData("nurse profile 82", 27, 82, 1, 3, 2, 0, "28")]
    [InlineData("one visit", 27, 97, 1, 3, 1, 0, "29")]
    [InlineData("several visits", 27, 97, 1, 3, 1, 1, "30")]
    public void Idsp_follows_the_first_matching_rule(string what, int prvs, int profil, int purp, int forPom, int pol, int home, string idsp)
    {
        Assert.NotEmpty(what);
        var c = Case with { Specialty = new RegistrySpecialty(prvs, profil), Purpose = purp, ForPom = forPom, VisitPol = pol, VisitHome = home };

        Assert.Equal(idsp, Tag(Zap(c), "IDSP"));
    }

    [Fact]
    public void Idsp_and_vidpom_overrides_win()
    {
        var zap = Zap(Case with { Overrides = new Dictionary<string, string> { ["IDSP"] = "30", ["VIDPOM"] = "12" } });

        Assert.Equal("30", Tag(zap, "IDSP"));
        Assert.Equal("12", Tag(zap, "VIDPOM"));
        Assert.Null(Tag(zap, "ED_COL"));
        Assert.Contains("<CODE_USL>B01.039.002</CODE_USL>", zap);
    }

    [Theory]
    [InlineData(60, 78, true, "11")]
    [InlineData(60, 78, false, "13")]
    [InlineData(27, 82, true, "11")]
    [InlineData(76, 97, true, "12")]
    [InlineData(76, 160, false, "12")]
    [InlineData(27, 97, true, "13")]
    public void Vidpom_depends_on_profile_specialty_and_region(int prvs, int profil, bool local, string vidpom)
    {
        var c = Case with { Specialty = new RegistrySpecialty(prvs, profil), Purpose = prvs == 60 ? 4 : 1 };

        Assert.Equal(vidpom, Tag(Zap(local ? c : OutOfRegion(c)), "VIDPOM"));
    }

    [Theory]
    [InlineData(1, 3, true, "R91", "1.2")]
    [InlineData(9, 3, true, "R91", "1.2")]
    [InlineData(3, 3, true, "R91", "1.3")]
    [InlineData(10, 3, true, "R91", "1.3")]
    [InlineData(7, 3, true, "R91", "2.5")]
    [InlineData(8, 3, true, "R91", "2.6")]
    [InlineData(1, 2, true, "R91", "1.1")]
    [InlineData(1, 3, false, "K87.1", "1.0")]
    [InlineData(1, 3, false, "Z03.1", "2.6")]
    [InlineData(1, 3, false, "V01", "1.2")]
    public void P_cel_by_purpose_form_and_the_out_of_region_rule(int purp, int forPom, bool local, string ds1, string pCel)
    {
        var c = Consultation with { Purpose = purp, ForPom = forPom, Ds1 = ds1 };

        Assert.Equal(pCel, Tag(Zap(local ? c : OutOfRegion(c)), "P_CEL"));
    }

    [Fact]
    public void P_cel_acceptance_of_the_original_suite_out_of_region_diagnostics()
    {
        var outOfRegion = OutOfRegion(Case);

        Assert.Equal("2.1", Tag(Zap(Case), "P_CEL"));
        Assert.Equal("1.0", Tag(Zap(outOfRegion with { Ds1 = "K87.1" }), "P_CEL"));
        Assert.Equal("2.6", Tag(Zap(outOfRegion with { Ds1 = "Z03.1" }), "P_CEL"));
    }

    [Fact]
    public void The_out_of_region_p_cel_rule_applies_to_idsp_28_and_29_only()
    {
        var episode = OutOfRegion(Consultation with { VisitPol = 2, Ds1 = "K87.1" });

        Assert.Equal("30", Tag(Zap(episode), "IDSP"));
        Assert.Equal("1.2", Tag(Zap(episode), "P_CEL"));
    }

    [Theory]
    [InlineData(60, 3, 1, 1, "314", "304")]
    [InlineData(60, 2, 1, 3, "301", "303")]
    [InlineData(27, 3, 1, 3, "301", "303")]
    [InlineData(27, 3, 5, 4, "305", "304")]
    [InlineData(27, 3, 301, 304, "301", "304")]
    public void Rslt_and_ishod_are_forced_for_diagnostics_and_widened_by_usl_ok(int prvs, int forPom, int rslt, int ishod, string r, string i)
    {
        var c = (prvs == 60 ? Case : Consultation) with { ForPom = forPom, Rslt = rslt, Ishod = ishod };

        var zap = Zap(c);

        Assert.Equal(r, Tag(zap, "RSLT"));
        Assert.Equal(i, Tag(zap, "ISHOD"));
    }

    [Fact]
    public void Ed_col_sums_every_kol_usl_for_idsp_28_and_sumv_sums_each_tariff_once()
    {
        var c = Case with
        {
            Services =
            [
                new RegistryService { Code = "A06.08.007", Date = new DateOnly(2026, 1, 12), Quantity = 2, Unit = 221, Tariff = 2189.5m },
                new RegistryService { Code = "A06.23.004.006", Date = new DateOnly(2026, 1, 12), Unit = 221, Tariff = 4812.16m },
                new RegistryService { Code = "A06.04.017", Date = new DateOnly(2026, 1, 12), Unit = 221, Tariff = 2189.5m },
            ],
        };

        var zap = Zap(c);

        Assert.Equal("5", Tag(zap, "ED_COL"));
        Assert.Equal("9191.16", Tag(zap, "SUMV"));
        Assert.Contains("<KOL_USL>2</KOL_USL><SUMV_USL>2189.5</SUMV_USL>", zap);
        Assert.Contains("<IDSERV>4</IDSERV>", zap);
    }

    [Fact]
    public void Ed_col_is_1_for_idsp_29_and_a_consultation_sums_to_zero()
    {
        var zap = Zap(Consultation);

        Assert.Equal("29", Tag(zap, "IDSP"));
        Assert.Equal("1", Tag(zap, "ED_COL"));
        Assert.Equal("0.00", Tag(zap, "SUMV"));
        Assert.Equal("0.0", Tag(zap, "SUM_M"));
    }

    [Theory]
    [InlineData("2000", "2000.0")]
    [InlineData("712.30", "712.3")]
    [InlineData("10054.84", "10054.84")]
    public void Sumv_usl_is_the_shortest_decimal_keeping_one_decimal(string tariff, string rendered)
    {
        var c = Case with { Services = [Case.Services[0] with { Tariff = decimal.Parse(tariff, System.Globalization.CultureInfo.InvariantCulture) }] };

        Assert.Equal(rendered, Tag(Zap(c), "SUMV_USL"));
    }

    [Fact]
    public void A_pmu_row_without_a_tariff_is_left_out_and_others_keep_their_order()
    {
        var c = Case with
        {
            Services =
            [
                new RegistryService { Code = "A06.99.999", Date = new DateOnly(2026, 1, 12), Unit = 221 },
                Case.Services[0],
            ],
        };

        var zap = Zap(c);

        Assert.DoesNotContain("A06.99.999", zap);
        Assert.Contains("<IDSERV>1</IDSERV><LPU>250796</LPU><LPU_1>25202607000001001</LPU_1><PODR>221</PODR><PROFIL>78</PROFIL><PROFIL_M>31</PROFIL_M><DET>0</DET><DATE_IN>2026-01-12</DATE_IN><DATE_OUT>2026-01-12</DATE_OUT><DS>R91</DS><CODE_USL>A06.09.005</CODE_USL>", zap);
    }

    [Fact]
    public void Date_in_falls_back_to_date_1_for_a_row_outside_the_visit()
    {
        var c = Case with
        {
            OpenDate = new DateOnly(2026, 1, 12), CloseDate = new DateOnly(2026, 1, 14),
            Services = [Case.Services[0] with { Date = new DateOnly(2026, 1, 4) }, Case.Services[0] with { Code = "A06.09.006", Date = new DateOnly(2026, 1, 13) }],
        };

        var zap = Zap(c);

        Assert.Contains("<DATE_IN>2026-01-12</DATE_IN><DATE_OUT>2026-01-14</DATE_OUT><DS>R91</DS><CODE_USL>A06.09.005</CODE_USL>", zap);
        Assert.Contains("<DATE_IN>2026-01-13</DATE_IN><DATE_OUT>2026-01-14</DATE_OUT><DS>R91</DS><CODE_USL>A06.09.006</CODE_USL>", zap);
    }

    [Fact]
    public void The_appointment_service_takes_the_multi_visit_code_for_idsp_30()
    {
        Assert.Contains("<CODE_USL>B01.039.002</CODE_USL>", Zap(Consultation with { VisitPol = 2 }));
        Assert.Contains("<CODE_USL>B01.039.001</CODE_USL>", Zap(Consultation with { VisitPol = 2, Appointment = new AppointmentService("B01.039.001", null, 221) }));
    }

    [Fact]
    public void A_known_referring_mo_gives_npr_mo_and_the_referral_date_or_date_1()
    {
        var noDate = Case with { Referral = Case.Referral! with { Date = null } };

        Assert.Equal("250228", Tag(Zap(Case), "NPR_MO"));
        Assert.Equal("2026-01-10", Tag(Zap(Case), "NPR_DATE"));
        Assert.Equal("2026-01-12", Tag(Zap(noDate), "NPR_DATE"));
        Assert.Equal("228", Tag(Lines(noDate).P!, "FROM_FIRM"));
    }

    [Fact]
    public void Planned_diagnostics_without_a_referring_mo_is_a_self_referral_dated_date_1()
    {
        var outcome = Lines(Case with { Referral = null });

        Assert.Equal("250796", Tag(outcome.H!, "NPR_MO"));
        Assert.Equal("2026-01-12", Tag(outcome.H!, "NPR_DATE"));
        Assert.Equal("796", Tag(outcome.P!, "FROM_FIRM"));
    }

    [Theory]
    [InlineData("555", "250555", "555")]
    [InlineData("047", "250047", "047")]
    [InlineData("47", "250047", "047")]
    public void An_unknown_referring_mo_keeps_its_short_code_with_leading_zeros(string shortCode, string nprMo, string fromFirm)
    {
        var outcome = Lines(Case with { Referral = new RegistryReferral { MoShortCode = shortCode } });

        Assert.Equal(nprMo, Tag(outcome.H!, "NPR_MO"));
        Assert.Equal("2026-01-12", Tag(outcome.H!, "NPR_DATE"));
        Assert.Equal(fromFirm, Tag(outcome.P!, "FROM_FIRM"));
    }

    [Fact]
    public void A_hospitalisation_referral_makes_from_firm_the_own_mo_and_keeps_npr_mo()
    {
        var outcome = Lines(Case with { Referral = Case.Referral! with { HospitalisationNumber = "H-17" } });

        Assert.Equal("796", Tag(outcome.P!, "FROM_FIRM"));
        Assert.Equal("H-17", Tag(outcome.P!, "NSNDHOSP"));
        Assert.Equal("250228", Tag(outcome.H!, "NPR_MO"));
    }

    [Fact]
    public void A_consultation_without_a_known_referring_mo_has_no_npr_mo_nor_an_invented_date()
    {
        var outcome = Lines(Consultation with { Referral = new RegistryReferral { MoShortCode = "555" } });

        Assert.Null(Tag(outcome.H!, "NPR_MO"));
        Assert.Null(Tag(outcome.H!, "NPR_DATE"));
        Assert.Equal("555", Tag(outcome.P!, "FROM_FIRM"));
    }

    [Theory]
    [InlineData(2002, 1, 13, "4")]
    [InlineData(2002, 1, 12, "1")]
    [InlineData(1961, 1, 13, "1")]
    [InlineData(1961, 1, 12, "3")]
    public void Vz_is_computed_from_the_age_on_date_z_1(int year, int month, int day, string vz)
    {
        var c = Patient(Case, p => p with { BirthDate = new DateOnly(year, month, day) });

        Assert.Equal(vz, Tag(Zap(c), "VZ"));
    }

    [Fact]
    public void A_stored_vz_wins_and_the_age_limits_are_mo_settings()
    {
        var young = Patient(Case, p => p with { BirthDate = new DateOnly(2004, 1, 1) });
        var mo = Mo with { Settings = new Dictionary<string, string> { ["vzStudentBelow"] = "20" } };

        Assert.Equal("2", Tag(Zap(Patient(Case, p => p with { Vz = 2 })), "VZ"));
        Assert.Equal("4", Tag(Zap(young), "VZ"));
        Assert.Equal("1", Tag(Zap(young, mo), "VZ"));
    }

    [Fact]
    public void Mo_pr_is_the_attachment_mo_or_the_own_one_and_absent_out_of_region()
    {
        Assert.Equal("250228", Tag(Zap(Case), "MO_PR"));
        Assert.Equal("250796", Tag(Zap(Patient(Case, p => p with { AttachmentMoShortCode = null })), "MO_PR"));
        Assert.Equal("250047", Tag(Zap(Patient(Case, p => p with { AttachmentMoShortCode = "047" })), "MO_PR"));
        Assert.Null(Tag(Zap(OutOfRegion(Case)), "MO_PR"));
    }

    [Fact]
    public void Id_pac_drops_leading_zeros_while_npolis_keeps_them()
    {
        var zap = Zap(Policy(Case, p => p with { Type = 2, Number = "067086168" }));

        Assert.Contains("<ID_PAC>67086168</ID_PAC><VPOLIS>2</VPOLIS><NPOLIS>067086168</NPOLIS>", zap);
        Assert.Null(Tag(zap, "ENP"));
    }

    [Fact]
    public void Vpolis_1_writes_series_and_number()
    {
        Assert.Contains("<ID_PAC>123456</ID_PAC><VPOLIS>1</VPOLIS><SPOLIS>ЯА</SPOLIS><NPOLIS>123456</NPOLIS><ST_OKATO>",
            Zap(Policy(Case, p => p with { Type = 1, Series = "ЯА", Number = "123456" })));
    }

    [Fact]
    public void A_policy_on_the_visit_overrides_type_number_series_smo_and_id_pac()
    {
        var c = Case with { VisitPolicy = new RegistryPolicy { Type = 2, Number = "123456789", Smo = "25016", SmoOkato = "87024" } };

        var outcome = Lines(c);

        Assert.Contains("<ID_PAC>123456789</ID_PAC><VPOLIS>2</VPOLIS><NPOLIS>123456789</NPOLIS><ST_OKATO>05000</ST_OKATO><SMO>25016</SMO>", outcome.H);
        Assert.Equal("250228", Tag(outcome.H!, "MO_PR"));
        Assert.Equal("123456789", Tag(outcome.L!, "ID_PAC"));
    }

    [Fact]
    public void Pr_nov_is_1_for_a_mek_resubmission()
    {
        Assert.Equal("1", Tag(Zap(Case with { Mek = true }), "PR_NOV"));
        Assert.Equal("0", Tag(Zap(Case), "PR_NOV"));
    }

    [Fact]
    public void A_null_patronymic_gives_os_sluch_d_type_and_dost_an_empty_one_no_d_type()
    {
        var none = Lines(Patient(Case, p => p with { Ot = null }));
        var empty = Lines(Patient(Case, p => p with { Ot = "" }));

        Assert.Equal("2", Tag(none.H!, "OS_SLUCH"));
        Assert.Equal("5", Tag(none.P!, "D_TYPE"));
        Assert.Contains("<DR>1976-06-19</DR><DOST>1</DOST><DOCTYPE>", none.L);
        Assert.Equal("2", Tag(empty.H!, "OS_SLUCH"));
        Assert.Null(Tag(empty.P!, "D_TYPE"));
        Assert.Contains("<DOST>1</DOST>", empty.L);
    }

    [Fact]
    public void Dn_is_1_for_dispensary_purposes_and_c_zab_is_dropped_for_z_diagnoses()
    {
        Assert.Equal("1", Tag(Zap(Consultation with { Purpose = 3 }), "DN"));
        Assert.Null(Tag(Zap(Consultation), "DN"));
        Assert.Null(Tag(Zap(Case with { Ds1 = "Z01.8" }), "C_ZAB"));
    }

    [Fact]
    public void Soc_is_rendered_with_three_digits()
    {
        Assert.Equal("035", Tag(Zap(Patient(Case, p => p with { Soc = 35 })), "SOC"));
        Assert.Equal("000", Tag(Zap(Patient(Case, p => p with { Soc = null })), "SOC"));
    }

    [Fact]
    public void Out_of_region_persons_keep_the_full_dul_and_a_local_enp_holder_without_dul_has_none()
    {
        var outside = Lines(OutOfRegion(Case)).L!;
        var noDul = Lines(Patient(Case, p => p with { Document = new RegistryDocument() })).L!;

        Assert.EndsWith("<DOCTYPE>14</DOCTYPE><DOCSER>05 12</DOCSER><DOCNUM>345678</DOCNUM><DOCDATE>2021-07-01</DOCDATE><DOCORG>УМВД</DOCORG></PERS>", outside);
        Assert.EndsWith("<DR>1976-06-19</DR></PERS>", noDul);
    }

    [Fact]
    public void Out_of_region_without_smo_code_writes_no_smo_but_keeps_smo_nam_and_st_okato()
    {
        var zap = Zap(OutOfRegion(Case));

        Assert.Null(Tag(zap, "SMO"));
        Assert.Equal("05000", Tag(zap, "ST_OKATO"));
        Assert.NotNull(Tag(zap, "SMO_NAM"));
        Assert.DoesNotContain("SMO_OGRN", zap);
    }

    [Fact]
    public void Constants_come_from_mo_settings_and_visit_overrides()
    {
        var mo = Mo with { Lpu1 = "X1", Settings = new Dictionary<string, string> { ["profilM"] = "76", ["mop"] = "2" } };
        var overridden = Case with { Overrides = new Dictionary<string, string> { ["DET"] = "1", ["TYPE_PAY"] = "2", ["SUM_M"] = "10.5", ["PODR"] = "12" } };

        var zap = Zap(Case, mo);
        var outcome = Lines(overridden);

        Assert.Contains("<SL><SL_ID>1</SL_ID><LPU_1>X1</LPU_1><PROFIL>78</PROFIL><PROFIL_M>76</PROFIL_M>", zap);
        Assert.Equal("2", Tag(zap, "MOP"));
        Assert.Contains("<LPU_1>X1</LPU_1><PODR>221</PODR><PROFIL>78</PROFIL><PROFIL_M>76</PROFIL_M>", zap);
        Assert.Contains("<SL><SL_ID>1</SL_ID><LPU_1>25202607000001001</LPU_1><PODR>12</PODR><PROFIL>78</PROFIL><PROFIL_M>31</PROFIL_M><DET>1</DET>", outcome.H);
        Assert.Equal("10.5", Tag(outcome.H!, "SUM_M"));
        Assert.Equal("2200.00", Tag(outcome.H!, "SUMV"));
        Assert.Equal("2", Tag(outcome.P!, "TYPE_PAY"));
    }
}
