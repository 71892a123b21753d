package dev.tally.command.importing;

import dev.tally.platform.web.InvalidRequest;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The file formats as banks write them: mappings, date and decimal formats, signs, and files that cannot be read. */
class StatementFormatsTest {

    private static CsvMapping mapping(String date, String amount, String dateFormat, String decimal, CsvMapping.Sign sign) {
        return new CsvMapping(null, null, date, amount, null, null, "Text", null, null, dateFormat, decimal, sign);
    }

    @Test
    void aGermanCsvWithDecimalCommasAndSemicolons() {
        String file = "Buchungstag;Betrag;Text\n03.11.2026;-1.234,56;Miete\n04.11.2026;2.500,00;Gehalt\n05.11.2026;kaputt;Fehler\n";
        Statement s = CsvStatements.read(file, new CsvMapping(";", true, "Buchungstag", "Betrag", null, null, "Text", null, null,
                "dd.MM.yyyy", ",", null).check());
        assertThat(s.lines()).extracting(StatementLine::amount).containsExactly(new BigDecimal("-1234.56"), new BigDecimal("2500.00"));
        assertThat(s.lines().get(0).date()).isEqualTo(LocalDate.of(2026, 11, 3));
        assertThat(s.lines().get(0).description()).isEqualTo("Miete");
        assertThat(s.refused()).singleElement().satisfies(r -> {
            assertThat(r.line()).isEqualTo(4);
            assertThat(r.reason()).contains("kaputt");
        });
    }

    @Test
    void aCardStatementWherePositiveIsSpending() {
        Statement s = CsvStatements.read("Date,Amount,Text\n2026-11-03,12.00,Coffee\n2026-11-04,(5.00),Refund\n",
                mapping("Date", "Amount", null, null, CsvMapping.Sign.POSITIVE_IS_EXPENSE).check());
        assertThat(s.lines()).extracting(StatementLine::amount).containsExactly(new BigDecimal("-12.00"), new BigDecimal("5.00"));
    }

    @Test
    void debitAndCreditColumnsWithoutAHeader() {
        Statement s = CsvStatements.read("11/03/2026,,40.00,Shop,id-1\n11/04/2026,100.00,,Salary,id-2\n",
                new CsvMapping(null, false, "1", null, "3", "2", "4", null, "5", "MM/dd/yyyy", null, null).check());
        assertThat(s.lines()).extracting(StatementLine::amount).containsExactly(new BigDecimal("-40.00"), new BigDecimal("100.00"));
        assertThat(s.lines()).extracting(StatementLine::bankId).containsExactly("id-1", "id-2");
    }

    @Test
    void textATallyExportGuardedComesBackAsRecorded() {
        Statement s = CsvStatements.read("Date,Amount,Text\n2026-11-03,-1,'=SUM(A1)\n", mapping("Date", "Amount", null, null, null).check());
        assertThat(s.lines().get(0).description()).isEqualTo("=SUM(A1)");
    }

    @Test
    void aMissingColumnOrBrokenQuotingIsABadFile() {
        CsvMapping m = mapping("Date", "Amount", null, null, null).check();
        assertThatThrownBy(() -> CsvStatements.read("When,Amount,Text\n2026-11-03,1,x\n", m)).isInstanceOf(BadFile.class)
                .hasMessageContaining("no column \"Date\"");
        assertThatThrownBy(() -> CsvStatements.read("Date,Amount,Text\n2026-11-03,1,\"open quote\n", m)).isInstanceOf(BadFile.class);
        assertThatThrownBy(() -> CsvStatements.read("Date,Amount,Text\n", m)).isInstanceOf(BadFile.class).hasMessageContaining("no rows");
    }

    @Test
    void aMappingThatCannotWorkIsRefusedField() {
        assertThatThrownBy(() -> mapping(null, null, "nonsense{", ";", null).check()).isInstanceOf(InvalidRequest.class)
                .satisfies(e -> assertThat(((InvalidRequest) e).errors()).extracting(f -> f.field())
                        .contains("mapping.date", "mapping.amount", "mapping.decimalSeparator", "mapping.dateFormat"));
        assertThatThrownBy(() -> new CsvMapping(null, false, "Date", "2", null, null, null, null, null, null, null, null).check())
                .isInstanceOf(InvalidRequest.class);
    }

    @Test
    void ofxOneInSgmlWithUnclosedTags() {
        String ofx = """
                OFXHEADER:100
                DATA:OFXSGML
                <OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><BANKTRANLIST>
                <STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20261103120000[-5:EST]<TRNAMT>-45.10<FITID>F-1<NAME>REWE &amp; CO<MEMO>Weekly shop
                <STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20261104<TRNAMT>2500.00<FITID>F-2<NAME>Employer
                <STMTTRN><TRNTYPE>DEBIT<DTPOSTED>2026<TRNAMT>-1.00<FITID>F-3
                </BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>
                """;
        Statement s = OfxStatements.read(ofx);
        assertThat(s.lines()).extracting(StatementLine::bankId).containsExactly("F-1", "F-2");
        assertThat(s.lines().get(0).description()).isEqualTo("Weekly shop");
        assertThat(s.lines().get(0).merchant()).isEqualTo("REWE & CO");
        assertThat(s.lines().get(0).date()).isEqualTo(LocalDate.of(2026, 11, 3));
        assertThat(s.lines().get(1).description()).isEqualTo("Employer");
        assertThat(s.refused()).singleElement().satisfies(r -> assertThat(r.line()).isEqualTo(6));
        assertThatThrownBy(() -> OfxStatements.read("Date,Amount\n")).isInstanceOf(BadFile.class);
    }

    @Test
    void ofxTwoInXml() {
        Statement s = OfxStatements.read("<?xml version=\"1.0\"?><OFX><STMTTRN><DTPOSTED>20261103</DTPOSTED><TRNAMT>-3.20</TRNAMT>"
                + "<FITID>X1</FITID><NAME>Cafe</NAME></STMTTRN></OFX>");
        assertThat(s.lines()).singleElement().satisfies(l -> {
            assertThat(l.amount()).isEqualByComparingTo("-3.20");
            assertThat(l.bankId()).isEqualTo("X1");
            assertThat(l.description()).isEqualTo("Cafe");
        });
    }

    @Test
    void qifWithUsAndQuickenDates() {
        String qif = "!Type:Bank\nD11/03/2026\nT-45.10\nPRewe\nMWeekly shop\n^\nD11/ 4'26\nT2,500.00\nPEmployer\n^\nDtomorrow\nT1\n^\n";
        Statement s = QifStatements.read(qif, null);
        assertThat(s.lines()).extracting(StatementLine::date).containsExactly(LocalDate.of(2026, 11, 3), LocalDate.of(2026, 11, 4));
        assertThat(s.lines()).extracting(StatementLine::amount).containsExactly(new BigDecimal("-45.10"), new BigDecimal("2500.00"));
        assertThat(s.lines().get(0).merchant()).isEqualTo("Rewe");
        assertThat(s.refused()).singleElement().satisfies(r -> assertThat(r.line()).isEqualTo(11));
        assertThatThrownBy(() -> QifStatements.read("D11/03/2026\nT1\n^\n", null)).isInstanceOf(BadFile.class);
        assertThatThrownBy(() -> QifStatements.read("!Type:Bank\nD11/03/2026\nT1\n", null)).isInstanceOf(BadFile.class)
                .hasMessageContaining("cut short");
    }
}
