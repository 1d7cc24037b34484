"""Problems are values: what is wrong with the books, where, and why, in Chinese.

Every reader, check and action reports bad data as :class:`Problem` records instead of raising.
A Problem names the book, sheet, Excel row, column header and cell address (e.g. ``F17``) so a
user can go straight to it. Reason codes live in one Enum, :class:`Code`; later checks add theirs.
Exceptions are kept for files that cannot be opened at all (:class:`BookError`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How bad a problem is; an 错误 makes a command exit non-zero."""

    ERROR = "错误"
    WARNING = "警告"
    INFO = "提示"


class Code(StrEnum):
    """Reason codes. Values are stable identifiers used in manifests, JSON output and tests."""

    # file and sheet level
    MISSING_BOOK = "missing_book"
    DUPLICATE_BOOK = "duplicate_book"
    BOOK_NAME_VARIANT = "book_name_variant"
    MISSING_SHEET = "missing_sheet"
    MISSING_COLUMN = "missing_column"
    NO_HEADER = "no_header"
    DUPLICATE_COLUMN = "duplicate_column"
    # value level (the reader)
    BAD_DATE = "bad_date"
    BAD_MONTH = "bad_month"
    BAD_NUMBER = "bad_number"
    BAD_INT = "bad_int"
    BAD_MONEY = "bad_money"
    BAD_RATE = "bad_rate"
    BAD_CHOICE = "bad_choice"
    BAD_YESNO = "bad_yesno"
    MONEY_PRECISION = "money_precision"
    RATE_AS_PERCENT = "rate_as_percent"
    NUMBER_AS_CODE = "number_as_code"
    # column rules (validation)
    REQUIRED = "required"
    DUPLICATE = "duplicate"
    BAD_REFERENCE = "bad_reference"
    OUT_OF_RANGE = "out_of_range"
    # identifiers (DOMAIN §1)
    BAD_ID_NUMBER = "bad_id_number"
    BAD_USCC = "bad_uscc"
    BAD_VIN = "bad_vin"
    BAD_PHONE = "bad_phone"
    ID_KIND_MISMATCH = "id_kind_mismatch"
    # sales
    SERIAL_NOT_IN_STOCK = "serial_not_in_stock"
    SERIAL_SOLD_TWICE = "serial_sold_twice"
    MODEL_MISMATCH = "model_mismatch"
    PRICE_BELOW_FLOOR = "price_below_floor"
    DOWN_PAYMENT_LOW = "down_payment_low"
    FINANCE_SUM_MISMATCH = "finance_sum_mismatch"
    TERM_TOO_LONG = "term_too_long"
    FIRST_DUE_NOT_AFTER_SALE = "first_due_not_after_sale"
    CREDIT_GRADE_REFUSED = "credit_grade_refused"
    CREDIT_LIMIT_EXCEEDED = "credit_limit_exceeded"
    CUSTOMER_SERIOUSLY_OVERDUE = "customer_seriously_overdue"
    CONTRACT_MISSING = "contract_missing"
    CONTRACT_MISMATCH = "contract_mismatch"
    # collections
    FREE_RATE_NOT_ZERO = "free_rate_not_zero"
    SCHEDULE_MISSING = "schedule_missing"
    SCHEDULE_MISMATCH = "schedule_mismatch"
    AMOUNT_NOT_POSITIVE = "amount_not_positive"
    RECEIPT_BEFORE_CONTRACT = "receipt_before_contract"
    OVERPAID = "overpaid"
    # after-sales
    SERIAL_NOT_SOLD = "serial_not_sold"
    DATES_OUT_OF_ORDER = "dates_out_of_order"
    OUT_OF_WARRANTY = "out_of_warranty"
    CLAIM_TOTAL_MISMATCH = "claim_total_mismatch"
    CLAIM_AMOUNT_MISMATCH = "claim_amount_mismatch"
    OLD_PART_MISSING = "old_part_missing"
    CLAIM_SUBMITTED_LATE = "claim_submitted_late"
    OLD_PARTS_LATE = "old_parts_late"
    SETTLEMENT_INCOMPLETE = "settlement_incomplete"
    APPROVED_ON_REJECTED = "approved_on_rejected"
    APPROVED_ABOVE_CLAIM = "approved_above_claim"
    CALLBACK_BEFORE_CLOSE = "callback_before_close"
    # payroll and parameters
    INACTIVE_EMPLOYEE = "inactive_employee"
    WORKED_DAYS_EXCEED = "worked_days_exceed"
    BAD_PARAM = "bad_param"
    MISSING_PAY_MONTH = "missing_pay_month"
    OPENING_MISSING = "opening_missing"
    OPENING_INCONSISTENT = "opening_inconsistent"
    OPENING_AFTER_GO_LIVE = "opening_after_go_live"
    NO_GRADE_RATE = "no_grade_rate"
    # month-end close and manufacturer account (#15)
    CLOSED_PERIOD_CHANGED = "closed_period_changed"
    DELIVERY_NOT_IN_STOCK = "delivery_not_in_stock"
    DELIVERY_PRICE_MISMATCH = "delivery_price_mismatch"
    SETTLEMENT_MISMATCH = "settlement_mismatch"
    # repossession, write-off, legal cases, sales consistency (#16)
    REPO_RECORD_MISSING = "repo_record_missing"
    DISPOSAL_INCOMPLETE = "disposal_incomplete"
    DISPOSAL_BEFORE_REPO = "disposal_before_repo"
    REDEMPTION_PAID = "redemption_paid"
    WRITEOFF_RECORD_MISSING = "writeoff_record_missing"
    WRITEOFF_APPROVAL = "writeoff_approval"
    CASE_DATES = "case_dates"
    CASE_STAGE_INCOMPLETE = "case_stage_incomplete"
    SOLD_STILL_IN_STOCK = "sold_still_in_stock"
    SAMPLE_NOT_RETURNED = "sample_not_returned"
    NOT_NOTARIZED = "not_notarized"
    REFUND_EXCEEDS_RECEIVED = "refund_exceeds_received"
    SETTLED_BUT_OWING = "settled_but_owing"
    PENALTY_ABOVE_CAP = "penalty_above_cap"
    SUB_DEALER_GRADE_REFUSED = "sub_dealer_grade_refused"
    SUB_DEALER_LIMIT_EXCEEDED = "sub_dealer_limit_exceeded"
    DATE_AS_TEXT_SERIAL = "date_as_text_serial"
    # opening balances and the go-live date (issue #22; OPENING_AFTER_GO_LIVE above serves both)
    OPENING_OVERLAP = "opening_overlap"
    OPENING_MISMATCH = "opening_mismatch"
    HISTORY_MISSING = "history_missing"
    # work that crosses departments (issue #29)
    CUSTOMER_OVERDUE = "customer_overdue"
    COMPLAINT_INCOMPLETE = "complaint_incomplete"
    PARTS_STOCK_MISMATCH = "parts_stock_mismatch"
    TRANSFER_UNBALANCED = "transfer_unbalanced"
    PARTS_GRADE_REFUSED = "parts_grade_refused"
    PARTS_LIMIT_EXCEEDED = "parts_limit_exceeded"
    # 综合管理台账: vehicles, assets, labour contracts, seals, archives, supplies (issue #26)
    BAD_PLATE = "bad_plate"
    DRIVER_NOT_EMPLOYEE = "driver_not_employee"
    DRIVER_LEFT = "driver_left"
    ODOMETER_BACKWARDS = "odometer_backwards"
    UNKNOWN_UNIT = "unknown_unit"
    ASSET_DISPOSAL_INCOMPLETE = "asset_disposal_incomplete"
    ASSET_YEARS_BELOW_TAX = "asset_years_below_tax"
    NO_LABOUR_CONTRACT = "no_labour_contract"
    OPEN_ENDED_DUE = "open_ended_due"
    PROBATION_TOO_LONG = "probation_too_long"
    PROBATION_REPEATED = "probation_repeated"
    SEAL_NOT_APPROVED = "seal_not_approved"
    SEAL_SELF_APPROVED = "seal_self_approved"
    LOAN_NOT_APPROVED = "loan_not_approved"
    SUPPLY_OVERDRAWN = "supply_overdrawn"
    # 财务台账: expense claims and rebate policies (issue #25)
    EXPENSE_SECOND_APPROVAL = "expense_second_approval"
    EXPENSE_SELF_APPROVED = "expense_self_approved"
    INVOICE_CLAIMED_TWICE = "invoice_claimed_twice"
    EXPENSE_CATEGORY_UNKNOWN = "expense_category_unknown"
    REBATE_TIERS_OVERLAP = "rebate_tiers_overlap"
    REBATE_TIERS_GAP = "rebate_tiers_gap"
    REBATE_POLICY_INCONSISTENT = "rebate_policy_inconsistent"
    # work across departments: returns back to stock, targets (issue #29)
    RETURNED_STILL_SOLD = "returned_still_sold"
    TARGETS_OVER_ANNUAL = "targets_over_annual"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in a book.

    Attributes:
        book: workbook file name, e.g. ``销售台账.xlsx``.
        sheet: sheet name, e.g. ``销售明细``.
        row: 1-based Excel row number, or None for a sheet-level problem.
        column: the column's Chinese header, or "" when the problem is not about one column.
        cell: the cell address such as ``F17``, or "" when there is none.
        severity: 错误 / 警告 / 提示.
        code: the reason code.
        message: what is wrong and what to do, in Chinese.
        value: the raw value as the user typed it (stringified), or "".
    """

    book: str
    sheet: str
    row: int | None
    column: str
    cell: str
    severity: Severity
    code: Code
    message: str
    value: str = ""

    def as_dict(self) -> dict:
        """A JSON-friendly dict with plain strings for the enums."""
        d = asdict(self)
        d["severity"] = str(self.severity)
        d["code"] = str(self.code)
        return d

    def where(self) -> str:
        """``销售台账.xlsx / 销售明细 / F17`` — the location as a user reads it."""
        parts = [self.book, self.sheet]
        if self.cell:
            parts.append(self.cell)
        elif self.row:
            parts.append(f"第{self.row}行")
        return " / ".join(p for p in parts if p)

    def __str__(self) -> str:
        return f"[{self.severity}] {self.where()}：{self.message}"


def has_errors(problems) -> bool:
    """True when any problem is an 错误."""
    return any(p.severity is Severity.ERROR for p in problems)


class BookError(Exception):
    """A workbook that cannot be used at all (missing, corrupt, encrypted, locked, not Excel).

    The message is one line of Chinese naming the file; front ends print it without a traceback.
    """


class MissingBook(BookError):
    """A book (or a sheet the command needs) that is not in the folder, or cannot be read."""


class LockedBook(BookError):
    """A book open in Excel (or otherwise locked) that a command must write."""


class BadOption(BookError):
    """A command-line option or argument the program cannot use (bad date, unknown name, …)."""


class UnknownAction(BookError):
    """A ribbon/``action`` tag that is not in the allowlist (refused; never run)."""


class Refused(BookError):
    """A money action refused because validation calls a cell it would compute from an 错误; the
    message names book, sheet, cell and reason; ``problems`` are those 错误 (exit 1: fix the books)."""

    def __init__(self, message: str, problems=()):
        super().__init__(message)
        self.problems = list(problems)


#: every user error → its exit code (the one place front ends look it up; 2 = could not run;
#: 1 is kept for "错误 found in the books", 0 for done)
EXIT_CODES: dict[type[BookError], int] = {BookError: 2, MissingBook: 2, LockedBook: 2, BadOption: 2,
                                          UnknownAction: 2, Refused: 1}


def exit_code(error: BookError) -> int:
    """The exit code of a user error (the most specific class listed in :data:`EXIT_CODES`)."""
    for cls in type(error).__mro__:
        if cls in EXIT_CODES:
            return EXIT_CODES[cls]
    return 2
