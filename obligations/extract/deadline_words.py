"""The words of deadline phrases: markers ("trước", "chậm nhất", "trong thời hạn" …) and what
may follow or precede them. Patterns only; deadlines.py reads a clause with them."""

from __future__ import annotations

import re

from .scan import begins_with, fail_fast

I = re.IGNORECASE
_MARKER = re.compile(
    # every marker begins a word (each alternative says so again) with one of these (a digit for a
    # bare count): inside a word, and elsewhere, the scan fails at once
    r"(?<!\w)(?=[\dtcmkhđíivsTCMKHĐÍIVS])(?:"
    r"(?P<range>(?<!\w)từ\s+(?=ngày\s+\d|\d|tháng\s+\d|(?:quý|quí)\s+(?:\d|[IV]{1,3}\b)|năm\s+\d{4}))"
    r"|(?P<latest>(?<!\w)(?:chậm|muộn)\s+nhất(?:\s+là)?(?:\s+(?:vào|đến\s+hết|đến|trong\s+phạm\s+vi|trong\s+vòng|trong|sau|"
    r"không\s+quá))?\s+(?!trước))"
    r"|(?P<nolater>(?<!\w)không\s+(?:muộn|chậm)\s+hơn\s+)"
    r"|(?P<deadline>(?<!\w)hạn\s+(?:chót|cuối(?:\s+cùng)?)(?:\s+là)?(?:\s+(?:vào|đến))?\s*:?\s*)"
    r"|(?P<incl_before>(?<!\w)trước\s+hoặc\s+(?:vào|trong)\s+)"
    r"|(?P<until>(?<!\w)(?:đến|tới)\s+(?P<het>hết\s+)?(?=ngày\s+\d|\d|tháng\s+\d|(?:quý|quí)\s|năm\s+\d))"
    r"|(?P<within>(?<!\w)(?:trong\s+(?:thời\s+hạn|vòng|thời\s+gian|phạm\s+vi)|không\s+quá|tối\s+đa)\s+(?=\d))"
    r"|(?P<least>(?<!\w)(?:ít\s+nhất|tối\s+thiểu|không\s+ít\s+hơn)\s+(?=\d{1,3}\s+ngày(?:\s+làm\s+việc)?\s*,?\s*"
    r"trước\s+(?:khi|ngày)))"
    r"|(?P<before>(?<!\w)trước\s+)"
    r"|(?P<on>(?<!\w)(?:vào|trong)\s+(?:lúc\s+)?|(?<!\w)đúng\s+(?=ngày\s+(?:(?:mồng|mùng)\s+)?\d))"
    r"|(?P<end>(?<!\w)(?<!tháng\s)cuối\s+(?=tháng\s+\d|(?:quý|quí)\s|năm\s+\d))"
    r"|(?P<after_event>(?<!\w)sau\s+khi\s+(?=[^,;.()\n\d]{3,60}?\s+\d{1,3}\s+ngày))"
    r"|(?P<bare>(?<![\w/.\-])(?=\d{1,3}\s+ngày(?:\s+làm\s+việc)?\s*,?\s*(?:kể|kê|tính)\s+từ))"
    r")", I)
# the first letters of the markers' words: most word starts fail here (a test checks the list)
# ("sau" for "sau khi", which the markers of the part tune add at the same time)
_MARKER = begins_with(_MARKER, ("\\d", "chậ", "cuố", "hạn", "khô", "muộ", "sau", "tro", "trư", "tối", "tới", "từ", "vào",
                                "ít", "đún", "đến"))
_MAYBE = re.compile(r"\d|nhất|hạn|trước\s+(?:ngày|hoặc)|hơn|tuần|quý|quí|sáu\s+tháng|ngày\s+thứ", I)
_MAYBE = fail_fast(_MAYBE, r"\dhnqst")
_STRONG = {"latest", "nolater", "deadline", "incl_before", "within", "bare", "least"}
# "vào đầu tháng 1-2017", "giữa quý II": a part of a period, no exact day
_VAGUE = re.compile(r"(?:đầu|giữa|trung\s+tuần)\s+(?:tháng|quý|quí|năm)\s+(?:\d|I|V)", I)
# "(kỳ báo cáo tính từ ngày 01 tháng 01 đến hết ngày 31 tháng 12)": the span reported on
_SPAN_BEFORE = re.compile(r"báo\s+cáo|số\s+liệu|kỳ\s+(?:báo\s+cáo|thống\s+kê)|tình\s+hình|kết\s+quả|(?:tính|(?<!định\s)kỳ)\s*$", I)
_SPAN_REACH = 160
_SPAN_END = re.compile(r"[^;()]{0,60}?(?:đến|tới)\s+(?:hết\s+)?", I)
_MINIMUM = re.compile(r"(?:không\s+ít\s+hơn|ít\s+nhất|tối\s+thiểu)(?:\s+là)?(?:\s+sau)?\s*$", I)
# "được quyền chấm dứt … nếu … trong 30 ngày": a right under a condition, not a duty with a deadline
_RIGHT = re.compile(r"(?:được|có)\s+quyền\b", I)
_IN_FORCE = re.compile(r"hiệu\s+lực", I)
# "có thể kéo dài nhưng không quá 15 ngày", "được gia hạn thêm không quá 10 ngày": how far a
# deadline stated beside it may be extended in some cases, not a deadline of its own
_EXTENDED = re.compile(r"(?:kéo\s+dài|gia\s+hạn)(?:\s+thêm)?(?:\s+thời\s+(?:gian|hạn))?\s*(?:,\s*)?(?:nhưng\s+|song\s+|và\s+)?$", I)
_FROM_NEAR = re.compile(r"(?<!\w)từ\s", I)
_HAPPENS = re.compile(r"diễn\s+ra\s*$|xảy\s+ra\s*$", I)
_MONTH_LIST = re.compile(r"\s*(?:,|và|hoặc)\s*tháng\s+\d", I)
_EVENT_BACK = re.compile(r"(?:sau\s+khi|kể\s+từ\s+(?:khi|ngày))\s+(?P<ev>[^,;.()\n]{3,80})", I)
# a period linked to the phrase before it: "… trước ngày 01 của tháng tiếp theo đối với báo cáo tháng"
_LINKED = re.compile(r"(?:đối\s+với|cho)\s+(?:các\s+)?$", I)
_AFTER_PERIOD = re.compile(r"\s*(?:\([^)]{0,60}\))?\s*,?\s*(?:đối\s+với|với|cho)\s+(?:các\s+|việc\s+)?", I)
_TIME = re.compile(r"(?P<h>\d{1,2})\s*(?:giờ|h|g)\s*(?P<mi>\d{2})?\s*['’′]?(?:\s*phút)?(?:\s+(?P<pm>sáng|trưa|chiều|tối))?"
                   r"\s*,?\s*(?:(?:của|vào|trong)\s+)?", I)
_DAYS = re.compile(r"(?P<n>\d{1,3})\s+ngày(?P<work>\s+làm\s+việc)?(?!\s*[/.\-]\s*\d)", I)
_AFTER = re.compile(r"\s*,?\s*(?:(?:kể|kê|tính)\s+)?(?:từ|sau)\s+(?:khi\s+|thời\s+điểm\s+)?", I)
_BEFORE = re.compile(r"\s*,?\s*(?:trước|so\s+với)\s+(?:khi\s+)?", I)
_EVENT = re.compile(r"[^,;.()\n:]{1,80}")
_EVENT_STOP = re.compile(r"\s+(?:và|để|theo|nhằm|thì|gửi|về|cho|tại|đối với|hoặc)\s", I)
_PERIOD_END = re.compile(r"(?:ngày\s+)?(?P<edge>kết\s+thúc|hết|cuối|đầu|bắt\s+đầu)\s+(?P<p>kỳ\s+báo\s+cáo|kỳ|tháng|quý|"
                         r"quí|năm|(?:06|6|sáu)\s+tháng)(?!\s+\d)", I)
_PERIOD_OF = {"tháng": "month", "quý": "quarter", "quí": "quarter", "năm": "year"}
_UNTIL = re.compile(r"\s*(?:đến|tới)\s+(?:hết\s+)?", I)
_WEAK_TODO = re.compile(r"ngày\s+\d|\d{1,2}\s*[/.\-]\s*\d", I)
_WEEKLY = re.compile(r"(?<!\w)(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật)\s+(?:của\s+)?(?:hằng|hàng|mỗi)\s+tuần", I)
# An amount or a count after "tối đa", "không quá": money, people, times, a share; not a time
_AMOUNT = re.compile(r"\d{1,3}(?:[.,]\d{3})+|\d[\d.,]*\s*(?:%|phần\s+trăm|đồng|đ\b|triệu|tỷ|nghìn|ngàn|người|lần|"
                     r"trang|bản|cuộc|đơn\s+vị|thành\s+viên|học\s+viên|đại\s+biểu|cán\s+bộ|hộ|lượt|buổi|chữ|từ|"
                     r"m2|m²|km|ha|kg|tấn|suất|phút\s+(?:phát\s+biểu|trình\s+bày))", I)
_BEFORE_EVENT = re.compile(r"ngày\s+(?!\d)(?P<ev>[^,;.()\n]{3,60})", I)
_BEFORE_EVENT_DAYS = re.compile(r"ngày\s+(?!\d)(?P<ev>[^,;.()\n\d]{3,60}?)\s+(?:chậm\s+nhất\s+(?:là\s+)?|ít\s+nhất\s+)?"
                                r"(?P<n>\d{1,3})\s+ngày(?P<work>\s+làm\s+việc)?(?![\w/])", I)
# "trước khi tổ chức họp tối thiểu 07 ngày làm việc": the event first, then how long before it
_BEFORE_THEN_DAYS = re.compile(r"(?P<ev>[^,;.()\n\d]{3,60}?)\s+(?:tối\s+thiểu|ít\s+nhất|chậm\s+nhất(?:\s+là)?)\s+"
                               r"(?P<n>\d{1,3})\s+ngày(?P<work>\s+làm\s+việc)?(?![\w/])", I)
