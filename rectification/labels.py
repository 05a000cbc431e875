"""The one table of user-facing words: Chinese by default, English as the alternative.

Field, status and deadline-term labels are declared with the schema; `label()` resolves
them too ("field.category", "status.done", "term.standing"), so callers have one lookup.
English text puts a count in the singular or plural with "{count:row|rows}" (see `_Count`).
"""

from __future__ import annotations

from collections.abc import Iterable
from numbers import Integral

from .schema import DEADLINE_TERMS, FIELD_BY_NAME, STATUS_BY_CODE

LANGS: tuple[str, ...] = ("zh", "en")
DEFAULT_LANG = "zh"

LABELS: dict[str, tuple[str, str]] = {
    # Refusals: the file as a whole.
    "file.not_found": ("找不到文件“{file}”", "File “{file}” not found"),
    # A file that cannot be read or written for a cause of the machine (errors.file_refusal).
    "file.not_readable": (
        "没有读取“{file}”的权限：请确认当前账户可以读取该文件",
        "No permission to read “{file}”: make sure this account may read it",
    ),
    "file.cannot_read": ("无法读取“{file}”：{reason}", "Cannot read “{file}”: {reason}"),
    "file.is_folder": ("“{file}”是一个目录，不是文件", "“{file}” is a folder, not a file"),
    "file.not_writable": (
        "没有写入“{file}”的权限：请确认目录“{folder}”允许当前账户写入（文件已存在的，该文件也须允许改写），"
        "或另选保存位置",
        "No permission to write “{file}”: make sure this account may write in the folder “{folder}” "
        "(and to the file, if it exists), or choose another place",
    ),
    "file.no_folder": (
        "无法写入“{file}”：目录“{folder}”不存在，请先建立该目录或另选保存位置",
        "Cannot write “{file}”: the folder “{folder}” does not exist; create it or choose another place",
    ),
    "file.disk_full": (
        "磁盘空间已满，无法写入“{file}”：请清理目录“{folder}”所在磁盘的空间，或另选保存位置后重试",
        "The disk is full, so “{file}” could not be written: free space on the disk holding the folder "
        "“{folder}”, or choose another place, then try again",
    ),
    "file.not_spreadsheet": (
        "“{file}”不是可读取的电子表格：支持 Excel（.xlsx、.xlsm、.xls）、WPS（.et、.ett）、.ods、"
        "网页导出的表格（.htm、.html）和文本表格（.csv、.txt、.tsv）",
        "“{file}” is not a spreadsheet this tool reads: use Excel (.xlsx, .xlsm, .xls), WPS (.et, .ett), "
        ".ods, a web page's tables (.htm, .html) or text (.csv, .txt, .tsv)",
    ),
    "file.unreadable": (
        "无法读取“{file}”：文件已损坏、加密或格式与扩展名不符",
        "Cannot read “{file}”: the file is damaged, encrypted or not what its extension says",
    ),
    "file.encrypted": (
        "“{file}”设有打开密码，无法读取：请在Excel或WPS中打开，取消密码（文件→信息→保护工作簿）后另存再上传",
        "“{file}” has a password to open and cannot be read: open it in Excel or WPS, remove the "
        "password (File → Info → Protect Workbook), save it and upload it again",
    ),
    "file.empty": ("“{file}”是空的，没有任何内容", "“{file}” is empty"),
    # CSV and text files (issue 12, part 4): what a text file may not hold, and why.
    "file.csv_encoding": (
        "“{file}”的文件编码无法识别（{reason}）：请在Excel或WPS中打开后另存为UTF-8编码的CSV文件"
        "或Excel工作簿（.xlsx）再上传",
        "The text encoding of “{file}” cannot be recognised ({reason}): open it in Excel or WPS and "
        "save it as a UTF-8 CSV file or an Excel workbook (.xlsx), then upload that",
    ),
    "file.encoding_tried": (
        "按UTF-8、GB18030（含GBK）、Big5、UTF-16编码均不能正确读出文字",
        "it reads as none of UTF-8, GB18030 (GBK), Big5 and UTF-16",
    ),
    "file.encoding_bom": (
        "文件开头标明为{encoding}编码，但其后内容不符合该编码，文件可能不完整或已损坏",
        "its first bytes mark it as {encoding}, but what follows is not {encoding}: the file may be "
        "cut short or damaged",
    ),
    "file.csv_unclosed_quote": (
        "“{file}”第{row}行（文本第{line}行）有一个单元格以英文双引号开头（“{start}”），但此后没有与之"
        "配对的结束引号，其后的单元格和各行会被并入这一个单元格，未予读取：请检查该单元格，补上结束引号"
        "或删除多余的引号后重新保存再上传",
        "In “{file}”, a cell on row {row} (line {line} of the text) opens with a double quote "
        "(“{start}”) that is never closed, so the cells and rows after it would run into that one cell; "
        "the file was not read: close the quote or delete the stray one, save and upload again",
    ),
    "formula.no_value": (
        "工作表“{sheet}”中{cells}的公式没有计算结果（共{count}个单元格），无法读取其内容。此类文件多由程序"
        "生成、未经Excel计算：请在Excel或WPS中打开并保存后再上传",
        "In sheet “{sheet}”, the formula in {cells} has no calculated value ({count:cell|cells} in "
        "all), so what it shows cannot be read. Such files are usually written by a program and never "
        "calculated: open the file in Excel or WPS, save it and upload it again",
    ),
    "text.controls_removed": (
        "第{rows}行的{fields}含有无法显示的控制字符（如NUL空字符），已删除后读取，其余文字不变",
        "Row(s) {rows}: {fields} held control characters that cannot be shown (such as NUL); they "
        "were removed, the rest of the text is kept as written",
    ),
    "text.invisible_only": (
        "第{rows}行的{fields}只有零宽空格等不可见字符，没有实际内容，按空白处理",
        "Row(s) {rows}: {fields} held only invisible characters (such as zero-width spaces) and "
        "nothing else; read as blank",
    ),
    "text.keys_merged": (
        "第{rows}行的{field}写作{written}，与“{value}”仅相差零宽空格等不可见字符或全角、半角等写法，"
        "已统一计为“{value}”",
        "Row(s) {rows}: {field} is written {written}, which differs from “{value}” only in invisible "
        "characters (such as zero-width spaces) or in full-width or other compatibility forms; "
        "counted as “{value}”",
    ),
    # Files exported from OA and government systems as web pages under an ".xls" name.
    "file.html_encoding": (
        "无法识别“{file}”的文字编码（该文件为网页格式导出的表格）："
        "请用 Excel 或 WPS 打开后另存为 .xlsx 再上传",
        "Cannot tell the text encoding of “{file}” (a table exported as a web page): open it in Excel "
        "or WPS, save it as .xlsx and upload that",
    ),
    "file.no_table": (
        "“{file}”为网页格式文件，但其中没有表格：请从系统中重新导出台账，或用 Excel、WPS 打开后另存为 .xlsx",
        "“{file}” is a web page with no table in it: export the ledger from the system again, or open "
        "it in Excel or WPS and save it as .xlsx",
    ),
    # Larger than the upload page accepts: refused by its size, before it is read.
    "file.over_upload_limit": (
        "“{file}”大小为 {size} MB，超过上传上限 {limit} MB（设于 {source}），未予读取。"
        "如需调整，请修改 .streamlit/config.toml 中 [server] 的 maxUploadSize，"
        "或设置环境变量 STREAMLIT_SERVER_MAX_UPLOAD_SIZE（单位 MB）",
        "“{file}” is {size} MB, over the upload limit of {limit} MB (set in {source}), and was not "
        "read. To change it, set maxUploadSize under [server] in .streamlit/config.toml, or the "
        "environment variable STREAMLIT_SERVER_MAX_UPLOAD_SIZE (in MB)",
    ),
    "file.over_upload_limit_default": (
        "“{file}”大小为 {size} MB，超过上传上限 {limit} MB（Streamlit 的默认值），未予读取。"
        "如需调整，请在 .streamlit/config.toml 的 [server] 中设置 maxUploadSize，"
        "或设置环境变量 STREAMLIT_SERVER_MAX_UPLOAD_SIZE（单位 MB）",
        "“{file}” is {size} MB, over the upload limit of {limit} MB (Streamlit's default), and was "
        "not read. To change it, set maxUploadSize under [server] in .streamlit/config.toml, or the "
        "environment variable STREAMLIT_SERVER_MAX_UPLOAD_SIZE (in MB)",
    ),
    "file.too_large": (
        "“{file}”中的表格过大（超过 1,048,576 行、16,384 列或共 16,777,216 个单元格），"
        "无法读取：请拆分后分别上传",
        "The table in “{file}” is too large to read (over 1,048,576 rows, 16,384 columns or "
        "16,777,216 cells in all): split it and upload the parts",
    ),
    # Bounded reading (issue 12; read_limits.py): refused before the file is parsed. Each names
    # the limit, the figure found and what to do; the limits are settings (README).
    "file.unzipped_too_large": (
        "“{file}”解压后共{size}MB，超过{limit}MB的上限，为防止占满服务器内存，未予读取：请删除多余的工作表、"
        "行或图片后重新保存再上传，或将台账拆分为几个文件分别上传",
        "“{file}” unpacks to {size} MB, over the limit of {limit} MB, and was not read (it could "
        "exhaust the server's memory): delete unneeded sheets, rows or pictures and save it again, "
        "or split the ledger into several files",
    ),
    "file.part_too_large": (
        "“{file}”中的{part}解压后有{size}MB，超过单个部分{limit}MB的上限，未予读取：请删除多余的行、列后"
        "重新保存再上传，或将台账拆分为几个文件分别上传",
        "In “{file}”, {part} unpacks to {size} MB, over the limit of {limit} MB for one part, and "
        "was not read: delete unneeded rows and columns and save it again, or split the ledger into "
        "several files",
    ),
    "file.compression_ratio": (
        "“{file}”中的{part}解压后为{size}MB，是压缩后大小的{ratio}倍，超过{limit}倍的上限（Excel、WPS "
        "保存的表格一般为8～20倍），疑为恶意构造的压缩文件，未予读取：请在Excel或WPS中打开该文件，"
        "另存为新的 .xlsx 文件后再上传",
        "In “{file}”, {part} unpacks to {size} MB, {ratio} times its packed size: over the limit of "
        "{limit} times (sheets saved by Excel or WPS pack 8 to 20 times), so it looks crafted and was "
        "not read: open the file in Excel or WPS, save it as a new .xlsx and upload that",
    ),
    "file.sizes_inconsistent": (
        "无法读取“{file}”：其中“{part}”解压后的实际大小与文件目录中记载的不符，文件已损坏或经过篡改："
        "请在Excel或WPS中打开该文件，另存为新的 .xlsx 文件后再上传",
        "Cannot read “{file}”: its part “{part}” unpacks to another size than the file's directory "
        "records, so the file is damaged or tampered with: open it in Excel or WPS, save it as a new "
        ".xlsx and upload that",
    ),
    "file.too_many_parts": (
        "“{file}”内含的组成部分超过{limit}个，不是正常保存的表格文件，未予读取：请在Excel或WPS中打开该文件，"
        "另存为新的 .xlsx 文件后再上传",
        "“{file}” holds over {limit} parts, which no saved spreadsheet does, and was not read: open "
        "it in Excel or WPS, save it as a new .xlsx and upload that",
    ),
    "file.part_sheet": ("工作表“{sheet}”", "sheet “{sheet}”"),
    "file.part_strings": ("共享文字表（sharedStrings.xml）", "the shared strings (sharedStrings.xml)"),
    "file.part_named": ("“{part}”部分", "the part “{part}”"),
    "sheet.too_many_rows": (
        "工作表“{sheet}”的{cell}单元格（第{row}行）有内容，超过{limit}行的上限，未予读取：如为表格下方"
        "误填的内容，请删除该单元格（或选中多余的行后右键“删除”）后重新保存再上传；如台账确有这么多行，"
        "请拆分为几个文件分别上传",
        "Sheet “{sheet}” has a value in cell {cell} (row {row}), past the limit of {limit} rows, and "
        "was not read: if it was typed below the table by mistake, delete that cell (or select the "
        "rows below the table and delete them), save and upload again; if the ledger has that many "
        "rows, split it into several files",
    ),
    "sheet.too_many_columns": (
        "工作表“{sheet}”的{cell}单元格（第{column}列）有内容，超过{limit}列的上限，未予读取：请删除表格"
        "右侧多余的列后重新保存再上传",
        "Sheet “{sheet}” has a value in cell {cell} (column {column}), past the limit of {limit} "
        "columns, and was not read: delete the unneeded columns right of the table, save and upload "
        "again",
    ),
    "sheet.too_many_cells": (
        "工作表“{sheet}”的已用区域自A1至{cell}，共{cells}个单元格，超过{limit}个的上限，未予读取：请删除"
        "表格下方和右侧多余的行、列后重新保存再上传",
        "The used range of sheet “{sheet}” runs from A1 to {cell}, {cells} cells, over the limit of "
        "{limit}, and was not read: delete the unneeded rows below and columns right of the table, "
        "save and upload again",
    ),
    # Many flags of one kind: the first few are listed, then one line for all of them.
    "flags.folded_rows": (
        "以上同类情况共{count}行，只列出前{shown}行；涉及第{rows}",
        "{count:row has|rows have} the same issue in all; the first {shown} are listed above; rows {rows}",
    ),
    "flags.folded_columns": (
        "以上同类情况另有{count}列：{columns}",
        "The same for {count:more column|more columns}: {columns}",
    ),
    "sheet.no_header": (
        "在前{rows}行中找不到表头：需要“问题类别”“问题描述”等列名",
        "No header found in the first {rows} rows: expected column names such as Category and Finding",
    ),
    "departments.lead_marked": (
        "有{rows}行的“责任部门”写了多个单位（如第{row}行）：已以标注“牵头”的单位为牵头部门，"
        "其余记为配合部门，配合部门不计入牵头部门的问题数",
        "{rows:row names|rows name} several units in Owner department (row {row}, for one): the "
        "unit marked 牵头 (lead) is taken as the lead department, the others as supporting "
        "departments, which are not counted as leads",
    ),
    "departments.lead_first": (
        "有{rows}行的“责任部门”写了多个单位且未标注牵头（如第{row}行）：已以排在首位且未标注"
        "“配合”的单位为牵头部门，其余记为配合部门；如牵头单位不是该单位，请标注“（牵头）”",
        "{rows:row names|rows name} several units in Owner department without marking the lead "
        "(row {row}, for one): the first unit not marked 配合 (supporting) is taken as the lead "
        "department, the others as supporting departments; mark the lead with （牵头） if it is "
        "another",
    ),
    "measure.not_named": (
        "第{row}行所报问题在台账中已分解为多项整改任务，无法确定本行对应哪一项（该部门牵头的任务不止一项或没"
        "有）："
        "请增加“任务序号”列，逐项写明所报任务的序号后重新上传",
        "Row {row}: this finding is broken down into several tasks in the ledger, and the row does not "
        "say which one it reports (its department leads none or more than one of them): add a Task no. "
        "column naming each task reported, then upload again",
    ),
    "measures.folded": (
        "{problems}个问题的“问题描述”单元格跨多行合并，已按其{measures}项整改措施计为{problems}个问题："
        "问题的整改状态、时限由各项措施确定，各项措施均已完成才计为已完成",
        "{problems:problem's|problems'} Finding cell spans several rows: counted as {problems} "
        "{problems:problem|problems} from {measures} measures; a problem's status and deadline follow "
        "its measures, and it is done only when every measure is done",
    ),
    "measures.below_problem": (
        "有{rows}行“问题描述”为空、但填有整改措施等内容，且紧接在某一问题之下，已计为该问题的整改措施",
        "{rows:row leaves|rows leave} Finding blank but {rows:holds|hold} a measure right under a "
        "problem: counted as that problem's {rows:measure|measures}",
    ),
    "measures.repeated_problem": (
        "有{rows}行重复填写了上一行的“问题描述”（编号相同或未填），且各有整改措施，已计为同一问题的整改措施",
        "{rows:row repeats|rows repeat} the Finding of the row above (with the same ID or none) and "
        "{rows:has|have} a measure of {rows:its|their} own: counted as measures of that one problem",
    ),
    # A "三单" workbook: a 问题清单 and a 任务清单 joined on the problem's number.
    "lists.joined": (
        "已按“{column}”将“{tasks}”中的{measures}项整改任务对应到“{problems}”中的{count}个问题："
        "问题的整改状态、时限由其整改任务确定，各项任务均已完成才计为已完成",
        "Matched {measures:task|tasks} in “{tasks}” to {count:problem|problems} in “{problems}” by "
        "“{column}”: a problem's status and deadline follow its tasks, and it is done only when every "
        "task is done",
    ),
    "lists.not_read": (
        "工作表“{sheet}”未读取：问题和整改任务以“{problems}”“{tasks}”为准",
        "Sheet “{sheet}” was not read: problems and tasks are taken from “{problems}” and “{tasks}”",
    ),
    "lists.no_problem_number": (
        "“{sheet}”缺少问题序号列（可用的列名：{aliases}），无法将整改任务对应到问题",
        "“{sheet}” has no problem number column (accepted names: {aliases}), so tasks cannot be "
        "matched to their problems",
    ),
    "lists.serial_number": (
        "列“{value}”视为行序号，不作为问题序号；问题序号取自“{column}”列",
        "Column “{value}” is taken as a row count, not as the problem number: that is read from “{column}”",
    ),
    "lists.no_tasks": (
        "问题“{value}”在“{tasks}”中没有对应的整改任务，已按本行单独计为一个问题"
        "（本行未填整改状态的，按整改进展推断，无进展的计为未启动）",
        "Problem “{value}” has no task in “{tasks}”: it is counted as one problem from its own row "
        "(with no status there, the status is inferred from the progress, or not started when there is none)",
    ),
    "task.unknown_problem": (
        "问题序号“{value}”在“{problems}”中找不到对应的问题，请核对",
        "Problem number “{value}” names no problem in “{problems}”: check it",
    ),
    "task.no_problem": (
        "该项整改任务未填写问题序号，无法对应到问题",
        "This task has no problem number, so it cannot be matched to a problem",
    ),
    "task.duplicate": (
        "任务序号“{value}”在同一问题下重复：第{first}行已使用",
        "Task no. “{value}” is used twice under one problem: row {first} has it too",
    ),
    "tasks.number_filled": (
        "有{rows}行整改任务未填写问题序号（如第{row}行），已计入上一行任务所属的问题",
        "{rows:task row has|task rows have} no problem number (row {row}, for one): counted under the "
        "problem of the task above",
    ),
    "tasks.row_skipped": (
        "第{row}行没有整改任务内容，已跳过（脚注或空行）",
        "Row {row} holds no task and was skipped (a footnote or blank row)",
    ),
    "sheet.no_rows": ("表头下面没有任何问题行", "There are no finding rows below the header"),
    "column.missing": (
        "缺少必填列“{field}”（可用的列名：{aliases}）",
        "Required column “{field}” is missing (accepted names: {aliases})",
    ),
    # Refusals: one cell.
    "id.duplicate": (
        "编号“{value}”重复：第{first}行已使用",
        "ID “{value}” is used twice: row {first} has it too",
    ),
    "amount.invalid": (
        "“{value}”不是金额：应为数字，单位万元（如 12.5），或写明“元”",
        "“{value}” is not an amount: expected a number in 万元 (e.g. 12.5), or one marked 元",
    ),
    "amount.converted": (
        "“{column}”列有{count}个金额以元为单位，已换算为万元",
        "{count:amount|amounts} in column “{column}” {count:was|were} in 元 and converted to 万元",
    ),
    "date.read_as": (
        "时限“{value}”按{date}计（{rule}；共{count}行）",
        "Deadline “{value}” read as {date} ({rule}; {count:row|rows})",
    ),
    "date.read_milestones": (
        "时限“{value}”按{date}计，此前的{milestones}作为阶段性时限（{rule}；共{count}行）",
        "Deadline “{value}” read as {date}, with {milestones} kept as milestones ({rule}; {count:row|rows})",
    ),
    "date.read_term": (
        "时限“{value}”按“长期坚持”计，不计逾期（{rule}；共{count}行）",
        "Deadline “{value}” read as standing, never overdue ({rule}; {count:row|rows})",
    ),
    "date.read_more": (
        "另有{forms}种文字写法的时限（共{count}行）已按同样规则读取",
        "{forms} more deadlines written in words ({count:row|rows}) were read by the same rules",
    ),
    "date.rule.month_end": ("取当月最后一天", "the month's last day"),
    "date.rule.dekad_end": (
        "上旬取10日，中旬取20日，下旬取当月最后一天",
        "上旬 the 10th, 中旬 the 20th, 下旬 the month's last day",
    ),
    "date.rule.quarter_end": ("取该季度最后一天", "the quarter's last day"),
    "date.rule.half_year_end": ("取该半年最后一天", "the half-year's last day"),
    "date.rule.year_end": ("取当年12月31日", "the year's last day"),
    "date.rule.year_assumed": ("未写年份，取台账所报年度", "no year written: the ledger's year"),
    "date.rule.next_year": ("未写年份，取次年", "no year written: the next year"),
    "date.rule.previous_year": ("未写年份，取上一年", "no year written: the year before"),
    "date.rule.last_of_several": ("单元格内有多个日期，取最后一个", "several dates in the cell: the last"),
    "date.rule.standing_over_immediate": ("立行立改并长期坚持", "immediately, then standing"),
    "date.invalid": (
        "“{value}”不是有效日期：应为日期（如 2024-06-30、2024/6/30、2024.6.30、2024年6月30日）"
        "或“立行立改”“长期坚持”",
        "“{value}” is not a valid date: expected a date (2024-06-30, 2024/6/30, 2024.6.30, "
        "2024年6月30日) or 立行立改 / 长期坚持",
    ),
    "completed_on.invalid": (
        "“{value}”不是有效日期：应为日期，如 2024-06-30、2024/6/30、2024年6月30日",
        "“{value}” is not a valid date: expected a date such as 2024-06-30, 2024/6/30 or 2024年6月30日",
    ),
    "status.unknown": (
        "整改状态“{value}”无法识别，也无法从整改进展推断：应为已完成、推进中、长期坚持或未启动",
        "Status “{value}” is not recognised and cannot be inferred from the progress: expected "
        "Done, In progress, Long-term or Not started",
    ),
    # Warnings.
    "rows.heading": (
        "第{rows}行是分类标题（如“{text}”），未计为问题；其下各问题的问题类别按标题确定",
        "Row(s) {rows} are category headings (e.g. “{text}”), not counted; "
        "the findings below each take its category",
    ),
    "rows.subheading": (
        "第{rows}行是二级标题（如“{text}”），未计为问题；问题类别按其上一级标题确定",
        "Row(s) {rows} are second-level headings (e.g. “{text}”), not counted; "
        "the category is the heading above",
    ),
    "rows.total": (
        "第{rows}行是小计、合计行（如“{text}”），未计为问题",
        "Row(s) {rows} are subtotal or total rows (e.g. “{text}”), not counted",
    ),
    "rows.column_numbers": (
        "第{rows}行是栏次行（1、2、3……），未计为问题",
        "Row(s) {rows} number the columns (1, 2, 3 …), not counted",
    ),
    "rows.header": (
        "第{rows}行重复了表头（如“{text}”），未计为问题",
        "Row(s) {rows} repeat the header (e.g. “{text}”), not counted",
    ),
    "rows.title": (
        "第{rows}行是表格标题（如“{text}”），未计为问题",
        "Row(s) {rows} are table titles (e.g. “{text}”), not counted",
    ),
    "rows.footnote": (
        "第{rows}行是说明、备注（如“{text}”），未计为问题",
        "Row(s) {rows} are notes or footnotes (e.g. “{text}”), not counted",
    ),
    "rows.signoff": (
        "第{rows}行是填报人、审核人等落款（如“{text}”），未计为问题",
        "Row(s) {rows} are sign-off lines (e.g. “{text}”), not counted",
    ),
    "category.from_headings": (
        "表中没有“问题类别”列，已按分类标题行确定{count}个问题类别",
        "The sheet has no category column: {count} {count:category|categories} taken from the heading rows",
    ),
    "category.from_column": (
        "表中没有“问题类别”列，已以“{column}”列作为问题类别",
        "The sheet has no category column: column “{column}” is taken as the category",
    ),
    "category.none": (
        "表中没有“问题类别”列，也没有分类标题行，全部问题计入“{category}”",
        "The sheet has no category column and no heading rows: every finding is counted under “{category}”",
    ),
    "heading.count_differs": (
        "第{row}行标题写明“{category}”方面{stated}个问题，其下实际读到{found}个，请核对",
        "Row {row}: the heading states {stated} findings under “{category}”, but {found} were read below it",
    ),
    "row.skipped": (
        "第{row}行没有问题描述，已跳过（脚注或空行）",
        "Row {row} has no finding text and was skipped (a footnote or blank row)",
    ),
    "sheets.combined": (
        "工作簿中{count}个工作表（{sheets}）表头相同，已合并为一个台账读取；按工作表名称填写的字段：{fields}",
        "{count} sheets with the same header ({sheets}) were read as one ledger; filled in from the sheet "
        "names: {fields}",
    ),
    "sheets.ids_prefixed": (
        "各工作表的编号有重复（如各自从1编起），已在编号前加工作表名称以相区分（如“办公室-1”）",
        "The sheets repeat each other's numbers (each starting at 1): each number now has its sheet's "
        "name before it (e.g. “Office-1”)",
    ),
    "sheet.chosen": (
        "工作簿有{count}个工作表，已选用像整改台账的“{sheet}”",
        "The workbook has {count:sheet|sheets}; “{sheet}” looks like the ledger and was used",
    ),
    "column.ignored": (
        "列“{value}”不是台账字段，已忽略",
        "Column “{value}” is not a ledger field and was ignored",
    ),
    "column.ignored_like": (
        "列“{value}”不是台账字段，已忽略；是否应为“{field}”？如是，请改列名后重新上传",
        "Column “{value}” is not a ledger field and was ignored; did you mean “{field}”?",
    ),
    "column.repeated": (
        "列“{value}”与前面的列都对应“{field}”，只使用第一列",
        "Column “{value}” maps to “{field}” like an earlier column; only the first is used",
    ),
    "status.unrecognised": (
        "整改状态“{value}”无法识别（共{count}行），已根据整改进展推断，并标记为“推断”；"
        "请改为已完成、推进中、长期坚持或未启动",
        "Status “{value}” is not recognised ({count:row|rows}); it was inferred from the progress text and "
        "marked as inferred. Use Done, In progress, Long-term or Not started",
    ),
    "status.progress_says_done": (
        "第{rows}行的整改状态为未完成或推进中，但整改进展写明已全部完成，已以整改状态为准，请核对",
        "Row(s) {rows}: the status is not done, but the progress says the work is all done; the status "
        "stands, please check",
    ),
    "status.progress_says_not_done": (
        "第{rows}行的整改状态为已完成，但整改进展写明尚未完成或正在整改，已以整改状态为准，请核对",
        "Row(s) {rows}: the status is done, but the progress says the work is not finished; the status "
        "stands, please check",
    ),
    "status.read_as": (
        "整改状态“{value}”按“{status}”计（共{count}行）",
        "Status “{value}” counted as “{status}” ({count:row|rows})",
    ),
    "status.inferred": (
        "整改状态为空或无法识别的{count}行已根据整改进展推断状态，并标记为“推断”",
        "In {count:row|rows} the status was blank or unknown; it was inferred from the progress text "
        "and marked as inferred",
    ),
    "ids.generated": (
        "表格没有编号列，已按问题类别和问题描述生成稳定编号",
        "The sheet has no ID column; stable IDs were generated from category and finding text",
    ),
    "department.unassigned": ("未指定部门", "No department"),
    # Command line.
    "cli.accepted": ("可以导入：{rows}个问题", "Accepted: {rows:finding|findings}"),
    "cli.refused": ("不能导入：{count}处错误", "Refused: {count:error|errors}"),
    "cli.source": (
        "文件：{file}　工作表：{sheet}　表头行：{header_row}",
        "File: {file}  Sheet: {sheet}  Header row: {header_row}",
    ),
    "cli.errors": ("错误：", "Errors:"),
    "cli.warnings": ("提示：", "Warnings:"),
    "cli.where": ("工作表“{sheet}”第{row}行", "sheet “{sheet}” row {row}"),
    "cli.where_sheet": ("工作表“{sheet}”", "sheet “{sheet}”"),
    "cli.where_column": ("，列“{column}”", ", column “{column}”"),
    "cli.tasks": (
        "分解整改任务{total}项，已完成{done}项，完成率{rate}，逾期{overdue}项",
        "{total:task|tasks} (measures), {done} done, completion rate {rate}, {overdue} overdue",
    ),
    "cli.summary": (
        "截至{as_of}：共{total}个问题，已完成{done}个，推进中{in_progress}个，长期坚持{long_term}个，"
        "未启动{pending}个，完成率{rate}，逾期{overdue}个",
        "As of {as_of}: {total:finding|findings}, {done} done, {in_progress} in progress, {long_term} "
        "long-term, {pending} not started, completion rate {rate}, {overdue} overdue",
    ),
    "cli.by_category": ("按问题类别：", "By category: "),
    "cli.by_department": ("按责任部门：", "By department: "),
    "cli.usage_error": ("命令用法有误：{detail}", "Usage error: {detail}"),
    "cli.bad_as_of": (
        "--as-of 的日期“{value}”无效，应如 2024-06-30",
        "--as-of date “{value}” is invalid; use 2024-06-30",
    ),
    "cli.template_written": ("已生成模板：{file}", "Template written: {file}"),
    "cli.cannot_write": ("无法写入“{file}”：{reason}", "Cannot write “{file}”: {reason}"),
    # A bug (not a refusal, not a fault of the machine): said without blaming the person or their
    # file, pointing to the log that holds the traceback; never echoing the command line.
    "cli.bug": (
        "执行“{command}”命令时程序出错，这是程序本身的问题，并非操作或所用文件有误。"
        "错误详情已记入日志“{log}”，请将该日志交给管理员",
        "The program failed while running the “{command}” command. This is a fault in the program, "
        "not in what you did or in the files you gave it. The details are in the log “{log}”; please "
        "give it to your administrator",
    ),
    "cli.bug_unlogged": (
        "执行“{command}”命令时程序出错，这是程序本身的问题，并非操作或所用文件有误。"
        "错误详情未能记入日志（{reason}）：请管理员将 RECTIFICATION_LOG_FILE 设为可写入的文件后重试",
        "The program failed while running the “{command}” command. This is a fault in the program, "
        "not in what you did or in the files you gave it. The details could not be written to a log "
        "({reason}): ask your administrator to set RECTIFICATION_LOG_FILE to a file that can be "
        "written, then try again",
    ),
    "cli.interrupted": (
        "“{command}”命令已中断，尚未完成的保存不会生效",
        "The “{command}” command was interrupted; a save it had not finished does not take effect",
    ),
    "cli.help.remind": (
        "按当前版本生成今日督办提醒并按已配置的渠道发送：每个部门一份，列出其逾期和即将到期的整改任务，"
        "按逾期天数逐级提级；同一提醒同一天只发送一次，每次发送均有记录",
        "Today's reminders from the current version, sent by the configured channels: one per department, "
        "listing its overdue and due-soon tasks, escalated by how long they are overdue; the same reminder "
        "goes once a day, and every send is on record",
    ),
    "cli.help.remind_dry_run": ("只显示将要发送的内容，不发送", "Show what would be sent; send nothing"),
    "cli.help.remind_department": ("只生成该部门的提醒", "Only this department's reminder"),
    "cli.help.remind_docx": (
        "另为每个有逾期任务的部门生成一份督办通知单（Word），存入该文件夹",
        "Also write a 督办通知单 (Word) for each department with overdue tasks into this folder",
    ),
    "cli.help.remind_unit": ("督办通知单落款的单位（如区委巡察办）", "The office that signs the 督办通知单"),
    "cli.remind_docx_written": (
        "已生成{department}的督办通知单：{file}",
        "Wrote {department}'s 督办通知单: {file}",
    ),
    "cli.remind_dry_run": (
        "预览：共{count}个部门的督办提醒，将发出{copies}份，本次不发送。",
        "Preview: reminders for {count:department|departments}, {copies:copy|copies} to send; nothing "
        "sent now.",
    ),
    "cli.remind_quiet": (
        "现在是免打扰时段（RECTIFICATION_QUIET_HOURS），本次未发送任何消息；{count}个部门的提醒待时段结束后再发。",
        "It is within the quiet hours (RECTIFICATION_QUIET_HOURS), so nothing was sent; the reminders of "
        "{count} departments wait until they end.",
    ),
    "cli.remind_would_send": (
        "将发送：{department}（{role}）· {channel} · {recipient}",
        "Would send: {department} ({role}) · {channel} · {recipient}",
    ),
    "cli.remind_sent": (
        "已发送：{department}（{role}）· {channel} · {recipient}",
        "Sent: {department} ({role}) · {channel} · {recipient}",
    ),
    "cli.remind_failed": (
        "发送失败：{department}（{role}）· {channel} · {recipient}，已尝试{attempts}次：{error}",
        "Failed: {department} ({role}) · {channel} · {recipient}, after {attempts:attempt|attempts}: {error}",
    ),
    "cli.remind_skipped": (
        "今日已发送过，未重复发送：{department}（{role}）· {channel} · {recipient}",
        "Already sent today, not sent again: {department} ({role}) · {channel} · {recipient}",
    ),
    "cli.remind_unreachable": (
        "无法发送：{department}未登记{role}的联系方式（python -m rectification contacts set）",
        "Cannot send: {department} has no contact for its {role} (python -m rectification contacts set)",
    ),
    "cli.remind_summary": (
        "本次发送{sent}份，失败{failed}份（均已记录），今日已发送而跳过{skipped}份。",
        "Sent {sent}, failed {failed} (both on record); skipped as already sent today: {skipped}.",
    ),
    "cli.help.contacts": (
        "各部门催办联系人（经办人、分管领导、主要负责人的邮箱和办公群机器人）：查看、登记、删除、从表格导入",
        "The departments' contacts for reminders (e-mail and office chat robot of the officer, leader "
        "and head): list, set, remove, import from a sheet",
    ),
    "cli.help.contacts_list": ("列出已登记的联系人", "List the contacts"),
    "cli.help.contacts_set": (
        "登记或更新某部门某角色的联系人；未写的项保留原值",
        "Enter or update a department's contact; what is not given keeps its value",
    ),
    "cli.help.contacts_remove": ("删除某部门某角色的联系人", "Remove a department's contact"),
    "cli.help.contacts_import": (
        "从联系人表导入（每人一行：部门、角色、姓名、邮箱、机器人、机器人地址、加签密钥；或每个部门一行：部门、"
        "经办人、经办人邮箱、分管领导、分管领导邮箱、主要负责人、主要负责人邮箱、机器人……）",
        "Import a contacts sheet (a row a person: 部门, 角色, 姓名, 邮箱, 机器人, 机器人地址, 加签密钥; "
        "or a row a department: 部门, 经办人, 经办人邮箱, 分管领导, 分管领导邮箱, 主要负责人, "
        "主要负责人邮箱, 机器人 …)",
    ),
    "cli.help.contacts_file": ("联系人表（.xlsx、.csv 等）", "The contacts sheet (.xlsx, .csv …)"),
    "cli.help.contact_role": (
        "角色：officer（经办人）、leader（分管领导）、head（主要负责人）",
        "officer (经办人), leader (分管领导) or head (主要负责人)",
    ),
    "cli.help.contact_name": ("姓名", "Their name"),
    "cli.help.contact_email": ("电子邮箱", "Their e-mail address"),
    "cli.help.contact_robot": (
        "办公群机器人：dingtalk、wecom 或 feishu",
        "Chat robot: dingtalk, wecom or feishu",
    ),
    "cli.help.contact_webhook": ("机器人的 Webhook 地址（https://）", "The robot's webhook (https://)"),
    "cli.help.contact_secret": (
        "机器人的加签密钥（钉钉、飞书）；写作 - 则从标准输入读取，不留在命令历史中",
        "The robot's signing secret (DingTalk, Feishu); - reads it from standard input, out of the "
        "shell's history",
    ),
    "cli.no_contacts": ("尚未登记任何联系人。", "No contact entered yet."),
    "cli.contact_set": ("已登记{department}{role}的联系方式。", "Entered the {role} of {department}."),
    "cli.contact_removed": ("已删除{department}{role}的联系方式。", "Removed the {role} of {department}."),
    "cli.contact_not_found": ("{department}没有登记{role}。", "{department} has no {role} entered."),
    "cli.contacts_imported": (
        "已从{file}导入{departments}个部门的{count}位联系人。",
        "Imported {count} contacts of {departments} departments from {file}.",
    ),
    "remind.channel": ("渠道", "Channel"),
    "remind.recipient": ("接收方", "Recipient"),
    "remind.outcome": ("结果", "Outcome"),
    "remind.outcome.sent": ("已发送", "sent"),
    "remind.outcome.failed": ("发送失败", "failed"),
    "remind.attempts": ("尝试次数", "Attempts"),
    "remind.error": ("失败原因", "Why it failed"),
    "remind.tasks": ("涉及任务", "Tasks"),
    "remind.by": ("操作人", "By"),
    "remind.phrase": ("{day}催办{department}（{role}）", "chased {department} ({role}) on {day}"),
    "remind.phrase_escalated": (
        "{day}提级督办{department}（{role}）",
        "escalated to {department}'s {role} on {day}",
    ),
    "remind.history": ("已于{phrases}。", "Reminders: {phrases}."),
    "contacts.role": ("角色", "Role"),
    "contacts.name": ("姓名", "Name"),
    "contacts.email": ("邮箱", "E-mail"),
    "contacts.robot": ("群机器人", "Chat robot"),
    "contacts.webhook": ("机器人地址", "Robot address"),
    "contacts.signed": ("已设加签", "Signed"),
    "contacts.yes": ("是", "yes"),
    "remind.channel.mail": ("邮件", "mail"),
    "remind.channel.robot": ("群机器人", "chat robot"),
    "robot.dingtalk": ("钉钉", "DingTalk"),
    "robot.wecom": ("企业微信", "WeCom"),
    "robot.feishu": ("飞书", "Feishu"),
    "cli.remind_not_sent": (
        "尚未配置任何发送渠道（邮件或办公群机器人），本次未发送任何消息；以下是{count}个部门将收到的督办提醒。",
        "No channel (mail or office chat robot) is configured, so nothing was sent; below are the "
        "reminders {count} departments would get.",
    ),
    "cli.help.verify": (
        "核实一个已完成问题的整改（销号），记录核实人和佐证材料",
        "Verify the closure (销号) of a done item, recording who verified it and the evidence",
    ),
    "cli.help.item": ("问题编号", "The item's ID"),
    "cli.help.upgrade": (
        "把数据库升级到本程序的版本（打开时也会自动升级）",
        "Bring the store up to this program's version (opening it does so too)",
    ),
    "cli.upgraded": ("数据库已是当前版本。", "The store is up to date."),
    "cli.help.program": (
        "整改台账工具：检查台账文件、生成填报模板，以及导入、导出、恢复版本和管理角色表。"
        "本命令行供系统管理人员在服务器上使用：凡掌握数据库地址（DATABASE_URL 或 --db）者，"
        "均可直接修改库中全部内容，不受看板登录限制；--user 只是记入版本和角色表变更记录的操作人，"
        "不能证明身份。启用登录（oidc、proxy）时，--user 须为角色表中的人员，按其角色执行。",
        "Rectification ledger tools: check ledger files, write the template, and import, export and "
        "restore versions and manage the role table. This command line is an operator's tool for the "
        "server: whoever holds the database URL (DATABASE_URL or --db) can change anything in the store, "
        "whatever the dashboard's sign-in; --user is only the name the audit trail records for versions "
        "and role changes, not proof of who typed it. With sign-in on (oidc, proxy), --user must be in "
        "the role table and acts with that role.",
    ),
    "cli.help.check": (
        "检查台账文件能否导入（不保存任何内容）",
        "Check whether a ledger file would be accepted (stores nothing)",
    ),
    "cli.help.file": ("台账文件：.xlsx/.xlsm/.xls/.ods/.csv", "Ledger file: .xlsx/.xlsm/.xls/.ods/.csv"),
    "cli.help.json": ("以 JSON 输出结果", "Print the result as JSON"),
    "cli.help.as_of": (
        "预警的基准日期（默认取表头上方的填报时间，没有则为今天）",
        "Date warnings are judged against (default: the sheet's 填报时间, else today)",
    ),
    "cli.help.lang": ("输出语言：zh（默认）或 en", "Output language: zh (default) or en"),
    "cli.help.template": ("生成带下拉选项的空白填报模板", "Write a blank ledger template with drop-downs"),
    "cli.help.output": ("输出的 .xlsx 文件", "The .xlsx file to write"),
    "cli.help.settings": ("列出所有设置及其环境变量", "List every setting and its environment variable"),
    # The dashboard.
    "app.title": ("整改看板", "Rectification dashboard"),
    "app.as_of": ("截至 {date}", "As of {date}"),
    "metric.total": ("问题总数", "Findings"),
    "metric.completion_rate": ("完成率", "Completion rate"),
    "metric.completion_rate_help": (
        "已完成整改的问题数占问题总数的比例，与整改进展情况通报的算法一致；曲线为历次截至日期的完成率。",
        "Problems done over all problems, as progress notices compute it; the line is the rate at each "
        "as-of date so far.",
    ),
    "metric.not_done": ("尚未完成", "Not yet done"),
    "metric.rate_of": ("{total}个中已完成{done}个", "{done} of {total} done"),
    "metric.reopened": ("回头看重新打开{count}个", "{count:reopened problem|reopened problems}"),
    "metric.tasks_total": ("整改任务总数", "Tasks"),
    "metric.task_rate": ("任务完成率", "Task completion rate"),
    "metric.overdue": ("逾期", "Overdue"),
    "metric.verified": ("已销号", "Closed"),  # short: one of eight cards in a row; the help says "verified"
    "metric.verified_help": (
        "巡察/纪检人员核对佐证材料后确认的已完成问题；部门此后修改该问题会使销号失效。",
        "Done items an inspector has checked against their evidence; a later change by the "
        "department clears the verification.",
    ),
    "metric.since_previous": ("较上一版", "since the last version"),
    "notice.summary": (
        "截至{as_of}，{total}个问题已完成整改{done}个，完成率{rate}；推进中{in_progress}个，"
        "长期坚持{long_term}个，未启动{pending}个。逾期未完成{overdue}个，{days}日内到期{due_soon}个。",
        "As of {as_of}, {done} of {total:finding has|findings have} been rectified, a completion rate "
        "of {rate}; {in_progress:is|are} in progress, {long_term} long-term and {pending} not started. "
        "{overdue:is|are} overdue and {due_soon:falls|fall} due within {days:day|days}.",
    ),
    "notice.summary_tasks": (
        "截至{as_of}，{total}个问题已完成整改{done}个，完成率{rate}；推进中{in_progress}个，"
        "长期坚持{long_term}个，未启动{pending}个；分解整改任务{tasks}项，已完成{tasks_done}项。"
        "逾期未完成{overdue}个，{days}日内到期{due_soon}个。",
        "As of {as_of}, {done} of {total:finding has|findings have} been rectified, a completion rate "
        "of {rate}; {in_progress:is|are} in progress, {long_term} long-term and {pending} not started; "
        "the findings break down into {tasks:task|tasks}, {tasks_done} of them done. "
        "{overdue:is|are} overdue and {due_soon:falls|fall} due within {days:day|days}.",
    ),
    # One finding's tasks in the written notice: "该问题分解为3项整改任务，已完成2项：一是…；二是…。"
    "notice.tasks_listed": (
        "该问题分解为{count}项整改任务，已完成{done}项：{tasks}",
        "This finding breaks down into {count:task|tasks}, {done} of them done: {tasks}",
    ),
    "notice.task_unreported": ("暂无进展情况", "no progress reported"),
    "field.warning": ("预警", "Warning"),
    "warning.red": ("红色·逾期", "Red · overdue"),
    "warning.yellow": ("黄色·临期", "Yellow · due soon"),
    "warning.green": ("绿色·正常", "Green · on track"),
    "warning.none": ("—", "—"),
    "yes": ("是", "yes"),
    "app.version": (
        "当前版本：第{version}版（{file}），截至{as_of}",
        "Current: version {version} ({file}), as of {as_of}",
    ),
    "column.amount": ("涉及金额（万元）", "Amount involved (10k yuan)"),
    "column.amount_rectified": ("已整改金额（万元）", "Amount rectified (10k yuan)"),
    "overview.amounts_line": (
        "涉及金额{amount}万元，已整改{rectified}万元，占{share}。",
        "Amounts involved: {amount} (10k yuan); rectified: {rectified}, {share}.",
    ),
    "app.sample_refused": (
        "示例台账“{file}”未能导入，共{count}处问题需修改：",
        "The sample ledger “{file}” could not be imported; {count} {count:thing needs|things need} fixing:",
    ),
    "app.empty_store": (
        "还没有任何台账版本。请先在“上传”页导入整改台账。",
        "There is no ledger version yet. Import a ledger on the Upload page first.",
    ),
    "app.language": ("语言", "Language"),
    "app.filtered": ("已按侧栏条件筛选", "Filtered by the sidebar"),
    "page.overview": ("总览", "Overview"),
    "page.items": ("问题清单", "Items"),
    "page.departments": ("部门", "Departments"),
    "page.upload": ("上传", "Upload"),
    "page.history": ("版本历史", "History"),
    "page.admin": ("用户与权限", "Users and roles"),
    "page.report": ("通报", "Notices"),
    "filter.heading": ("筛选", "Filters"),
    "filter.round": ("巡察轮次", "Round"),
    "filter.unit": ("被巡察单位", "Inspected unit"),
    "filter.category": ("问题类别", "Category"),
    "filter.department": ("责任部门", "Department"),
    "filter.supporting": ("配合部门", "Supporting department"),
    "filter.status": ("整改状态", "Status"),
    "filter.warning": ("预警", "Warning"),
    "filter.q": ("关键词", "Keyword"),
    "filter.q_placeholder": ("搜索问题、措施和进展", "Search findings, actions and progress"),
    "filter.any": ("全部", "All"),
    "metric.done": ("已完成", "Done"),
    "overview.by_category": ("各方面整改完成情况", "Completion by category"),
    "overview.breakdown": ("分方面、分部门情况", "By category and department"),
    # The card's tabs: short, so that the three fit side by side in a narrow window.
    "overview.view.categories": ("各方面完成情况", "By category"),
    "overview.view.departments": ("各部门完成率", "By department"),
    "overview.view.heatmap": ("未完成问题分布", "Open problems map"),
    "overview.by_department_hint": ("红色表示该部门有逾期问题。", "Red: the department has overdue items."),
    "chart.rate_note": ("完成率 {rate}", "{rate} done"),
    "chart.total": ("问题总数", "All problems"),
    "chart.done": ("已完成", "Done"),
    "overview.ageing_words": ("逾期未完成的整改任务中，{parts}。", "Of the overdue tasks: {parts}."),
    "overview.ageing_part": ("{bucket}{count}项", "{bucket} {count}"),
    "ageing.1_30": ("逾期1-30天", "1–30 days overdue"),
    "ageing.31_90": ("逾期31-90天", "31–90 days overdue"),
    "ageing.over_90": ("逾期90天以上", "Over 90 days overdue"),
    "overview.burn_up": ("整改进度（按截至日期）", "Progress over as-of dates"),
    "overview.burn_up_one": (
        "目前只有一个截至日期，再有一期报送后即可看到进度曲线。",
        "One as-of date so far: the line appears with the next report.",
    ),
    "lag.sentence": ("{parts}。", "{parts}."),
    "lag.joiner": ("；", "; "),
    "lag.separator": ("、", ", "),
    "lag.units": ("完成率低于总体的被巡察单位：{items}", "Inspected units behind the whole: {items}"),
    "lag.categories": ("完成率低于总体的方面：{items}", "Categories behind the whole: {items}"),
    "lag.departments": ("完成率低于总体的部门：{items}", "Departments behind the whole: {items}"),
    "lag.item": ("{name}（{rate}）", "{name} ({rate})"),
    "lag.item_overdue": ("{name}（{rate}，逾期{overdue}个）", "{name} ({rate}, {overdue} overdue)"),
    "lag.over_90": ("逾期超过90天的整改任务{count}项", "{count:task|tasks} overdue by more than 90 days"),
    "overview.heatmap": ("各方面、各部门未完成问题", "Open problems by category and department"),
    "overview.heatmap_hint": (
        "数字为未完成问题数，红色表示其中有逾期（越深逾期越多），点击方格查看对应问题。",
        "Each square is the number of open problems; red where some are overdue (darker, more). Click a "
        "square to list them.",
    ),
    "overview.ageing": ("逾期时长分布", "How long overdue"),
    "overview.print": ("打印简报", "Print briefing"),
    "overview.departments_by_unit": (
        "台账含多个被巡察单位，各单位的部门虽同名但各不相同：在左侧“被巡察单位”中选定一个单位后，再看各部门情况。",
        "The ledger holds several inspected units, whose departments differ even where their names are the "
        "same: choose one under 'Inspected unit' on the left to compare its departments.",
    ),
    "overview.print_help": (
        "按A4纸一页打印本页要点：主要数据、进度和逾期图、需要关注的问题；也可在打印窗口中另存为PDF。",
        "Prints this page's essentials on one A4 page: the figures, the trend and ageing charts and the "
        "items needing attention; the print dialog can also save it as a PDF.",
    ),
    "overview.compare.unit": ("各被巡察单位整改进展", "Progress by inspected unit"),
    "overview.compare.round": ("各轮次整改进展", "Progress by round"),
    "overview.compare_hint.unit": (
        "按完成率由低到高排列。点选一行，总览即只看该单位；在左侧“被巡察单位”中清除即回到全部。",
        "Lowest completion first. Select a row to see that unit alone; clear 'Inspected unit' on the "
        "left to see all again.",
    ),
    "overview.compare_hint.round": (
        "按完成率由低到高排列。点选一行，总览即只看该轮次；在左侧“巡察轮次”中清除即回到全部。",
        "Lowest completion first. Select a row to see that round alone; clear 'Round' on the left to "
        "see all again.",
    ),
    "compare.blank.unit": ("未注明单位", "Unit not given"),
    "compare.blank.round": ("未注明轮次", "Round not given"),
    "overview.ageing_none": ("没有逾期未完成的事项", "Nothing is overdue"),
    "overview.by_department": (
        "各部门完成率（逾期标红）",
        "Completion rate by department (red: has overdue items)",
    ),
    "overview.attention": ("需要关注：逾期和临期问题", "Needs attention: overdue and due soon"),
    "overview.attention_more": (
        "共{count}项，在问题清单中查看全部",
        "{count:item|items} in all: see them in the item list",
    ),
    "overview.attention_none": ("没有逾期或临期的问题", "Nothing is overdue or due soon"),
    "overview.oversight": ("本版变化核查：{items}。", "Checked in this version: {items}."),
    "overview.oversight_link": ("查看变化核查", "See what changed"),
    "overview.separator": ("；", "; "),
    "overview.quiet_count": ("{kind}{count}项", "{kind}: {count}"),
    "overview.pending_extensions": (
        "待审批延期申请{count}项",
        "{count:extension request|extension requests} pending",
    ),
    "overview.reopened": ("回头看重新打开问题{count}个", "{count:problem|problems} reopened"),
    "overview.no_items": ("没有符合筛选条件的问题", "No findings match the filters"),
    "items.show_all": ("显示已完成的问题", "Show done items too"),
    "items.count": (
        "{shown}个问题（台账共{total}个）",
        "{shown:finding|findings} (of {total} in the ledger)",
    ),
    "items.page": ("页码", "Page"),
    "items.page_of": ("第{page}页，共{pages}页，每页{size}个", "Page {page} of {pages}, {size} per page"),
    "items.select_hint": ("点选表格中的一行，查看该问题的全部内容", "Select a row to read the item in full"),
    "items.detail": ("问题详情", "Item in full"),
    "items.not_found": ("编号为“{id}”的问题不在当前台账中", "No item with ID “{id}” in the current ledger"),
    "items.export_xlsx": ("导出 Excel（{count}行）", "Export Excel ({count:row|rows})"),
    "items.export_csv": ("导出 CSV", "Export CSV"),
    "items.export_name": ("问题清单", "items"),
    "items.inferred_note": ("整改状态由整改进展推断", "Status inferred from the progress text"),
    "items.inferred_mark": ("{note}（*）", "{note} (*)"),
    "items.status_inferred": ("{status}（{note}）", "{status} ({note})"),
    "items.fact": ("**{name}**：{value}", "**{name}**: {value}"),
    "departments.table": ("部门对比", "Departments compared"),
    "departments.choose_in_sidebar": (
        "下面是完成率最低的部门“{department}”的情况；查看其他部门，请在左侧“责任部门”中选择。",
        "Below: {department}, the furthest behind. To see another department, choose it under "
        "“Department” on the left.",
    ),
    "departments.first_of_chosen": (
        "左侧选择了多个部门，下面是其中第一个“{department}”的情况。",
        "Several departments are chosen on the left; below is the first, {department}.",
    ),
    "departments.no_open_items": ("该部门没有未完成的问题", "This department has no open problem"),
    "departments.no_open_tasks": ("该部门没有未完成的整改任务", "This department has no open task"),
    "departments.by_category": ("{department}：各方面问题", "{department}: findings by category"),
    "departments.open_items": ("{department}：未完成和逾期的问题", "{department}: open and overdue findings"),
    "column.items": ("问题数", "Findings"),
    "column.tasks": ("整改任务数", "Tasks"),
    "column.problems_led": ("牵头问题数", "Findings led"),
    "overview.tasks_line": (
        "反馈问题{problems}个，分解整改任务{tasks}项；已完成整改任务{done}项，任务完成率{rate}，"
        "逾期任务{overdue}项。问题完成率按问题计算，一个问题的全部任务完成方计为完成。",
        "{problems:finding|findings}, broken down into {tasks:task|tasks}: {done} done, task "
        "completion rate {rate}, {overdue} overdue. The completion rate counts findings: a finding "
        "is done when every one of its tasks is.",
    ),
    "items.by_task": ("按整改任务逐项列出", "List tasks instead of findings"),
    "items.task_count": (
        "{shown}项整改任务（台账共{total}项）",
        "{shown:task|tasks} (of {total} in the ledger)",
    ),
    "items.measures": ("整改任务（{count}项）", "Tasks ({count})"),
    "departments.tasks_note": (
        "按整改任务统计：每项任务计入其牵头部门，配合部门不计；“牵头问题数”为该部门牵头的问题。",
        "Counted by task, each under its own lead department (supporting departments are not "
        "counted); “Findings led” are the findings the department leads.",
    ),
    "departments.open_tasks": (
        "{department}：未完成和逾期的整改任务",
        "{department}: open and overdue tasks",
    ),
    "departments.led_problems": ("{department}：牵头的问题", "{department}: findings it leads"),
    # The tabs of one department's card: short, so that they fit side by side in a narrow window.
    "departments.view.open_tasks": ("未完成的整改任务", "Open tasks"),
    "departments.view.led": ("牵头整改的问题", "Findings it leads"),
    "departments.view.open_items": ("未完成的问题", "Open findings"),
    "departments.view.categories": ("各方面完成情况", "By category"),
    "departments.list_capped": (
        "共{total}项，此处列出最紧急的{shown}项。",
        "{total} in all; the {shown} most urgent are listed here.",
    ),
    "departments.list_all": ("在问题清单中查看全部{total}项", "See all {total} in the item list"),
    "column.rate": ("完成率", "Completion rate"),
    "cli.help.import": (
        "把台账文件保存为新版本（merge：部门表合并；replace：整本替换）",
        "Save a ledger file as a new version (merge: a department's sheet; replace: the whole ledger)",
    ),
    "cli.help.versions": ("列出所有版本", "List every version"),
    "cli.help.restore": (
        "把某个旧版本恢复为新的当前版本",
        "Make an old version current again, as a new version",
    ),
    "cli.help.export": (
        "把某个版本（默认当前版本）导出为 .xlsx 或 .csv（按 -o 的扩展名）：按台账格式，问题分解为"
        "多项整改任务的分行列出、问题单元格合并，导出的文件可再次导入",
        "Export a version (default: the current one) as .xlsx or .csv (by the extension of -o) laid "
        "out like the ledger (each finding's cells merged over its tasks), ready to import again",
    ),
    "cli.help.export_output": (
        "输出文件，格式按扩展名：.xlsx（超过单元格容量的内容截断标注，全文另存于“全文”工作表）"
        "或 .csv（内容完整）",
        "The file to write, in the format its extension names: .xlsx (a text too long for a cell is "
        "cut and marked, and kept whole on the “Full text” sheet) or .csv (every text whole)",
    ),
    "cli.export_suffix": (
        "无法导出为“{file}”：导出文件的扩展名须为 {accepted}",
        "Cannot export to “{file}”: the file name must end in {accepted}",
    ),
    "cli.help.db": (
        "数据库地址（默认取 DATABASE_URL 或 data/rectification.sqlite）",
        "Database URL (default: DATABASE_URL or data/rectification.sqlite)",
    ),
    "cli.help.mode": (
        "merge：只替换表中出现的问题；replace：整本替换",
        "merge: replace only the items in the sheet; replace: the whole ledger",
    ),
    "cli.help.user": (
        "记入变更记录的操作人（默认取 RECTIFICATION_USER，再无则为本机登录名）；去掉首尾空格、不区分大小写，"
        "与角色表的写法一致。启用登录时须为角色表中的人员",
        "Name the audit trail records as the author (default: RECTIFICATION_USER, else your login name), "
        "without surrounding spaces and in any case, as the role table holds names; with sign-in on, "
        "someone in the role table",
    ),
    "cli.help.note": ("本次版本的说明", "A note for this version"),
    "cli.help.version": ("版本号", "Version number"),
    "cli.help.users": (
        "管理角色表：谁能做什么、负责哪些部门",
        "Manage the role table: who may do what, for which departments",
    ),
    "cli.help.users_add": ("添加人员或修改其角色", "Add a person or change their role"),
    "cli.help.users_list": ("列出角色表", "List the role table"),
    "cli.help.users_remove": ("从角色表中移除", "Remove a person from the role table"),
    "cli.help.role": (
        "viewer 领导查看、inspector 巡察/纪检、uploader 部门填报、admin 管理员",
        "viewer, inspector, uploader or admin",
    ),
    "cli.help.department": (
        "负责的部门（可重复；部门填报员必填）",
        "A department they act for (repeatable; uploaders need one)",
    ),
    "cli.uploader_needs_department": (
        "部门填报员至少要有一个 --department",
        "An uploader needs at least one --department",
    ),
    "cli.user_added": ("已设置 {identity} 为{role}", "{identity} is now {role}"),
    "cli.user_removed": ("已移除 {identity}", "{identity} removed"),
    "cli.user_unknown": ("角色表中没有 {identity}", "{identity} is not in the role table"),
    "cli.not_in_role_table": (
        "角色表中没有 {identity}：登录方式为 {mode} 时，命令行按角色表中的人员及其角色执行。"
        "请用 --user 写明您在角色表中的账号（或设置 RECTIFICATION_USER）",
        "{identity} is not in the role table: with sign-in mode {mode}, the command line acts as "
        "someone in the role table, with their role. Name your account with --user (or set "
        "RECTIFICATION_USER)",
    ),
    "cli.no_admin_yet": (
        "提示：角色表中还没有管理员。请添加一名管理员（--role admin），否则无人能在看板中管理人员",
        "Note: the role table has no admin yet. Add one (--role admin), or nobody can manage people "
        "in the dashboard",
    ),
    "admin.last_admin": (
        "{identity} 是角色表中唯一的管理员，不能移除或改为其他角色：请先添加另一名管理员",
        "{identity} is the only admin in the role table and cannot be removed or given another role: "
        "add another admin first",
    ),
    "cli.help.notice": (
        "整改进展通报：读取已发布的通报，或生成下一期通报",
        "Progress notices: read a published one, or write the next",
    ),
    "cli.help.notice_parse": (
        "把通报（.docx/.txt）读成台账并检查",
        "Read a notice (.docx/.txt) into a ledger and check it",
    ),
    "cli.help.notice_file": ("通报文件：.docx、.txt 或 .md", "Notice file: .docx, .txt or .md"),
    "cli.help.notice_ledger": ("把读出的台账另存为 .xlsx", "Also save the ledger read as .xlsx"),
    "cli.help.notice_write": (
        "按某个版本（默认当前）生成通报：.docx 或 .md",
        "Write the notice from a version (default: current) as .docx or .md",
    ),
    "cli.help.notice_unit": (
        "发文单位：写在标题开头和落款处（默认取台账的“被巡察单位”）",
        "Issuing unit, at the head of the title and in the sign-off (default: the ledger's unit)",
    ),
    "cli.help.notice_round": (
        "巡察轮次：写入标题和结束语（默认取台账的“巡察轮次/来源”，再无则为“巡察”）",
        "Round, named in the title and the closing sentence (default: the ledger's round, else 巡察)",
    ),
    "cli.notice_written": (
        "已生成通报：{file}（{sections}个方面）",
        "Notice written: {file} ({sections:category|categories})",
    ),
    "cli.no_version": ("没有版本{version}", "There is no version {version}"),
    "cli.unchanged": ("内容与当前版本相同，未生成新版本", "Nothing changed: no new version was made"),
    "cli.imported": (
        "已保存为版本{version}：新增{added}项，修改{changed}项，未变{unchanged}项，表中未出现{missing}项；现"
        "共{total}项",
        "Saved as version {version}: {added} added, {changed} changed, {unchanged} unchanged, "
        "{missing} not in the file; {total:item|items} now",
    ),
    "cli.help.import_as_of": (
        "新版本的截至日期（YYYY-MM-DD）；不填时取表中的填报时间，部门表未写明的沿用台账当前的截至日期",
        "The new version's as-of date (YYYY-MM-DD); by default the sheet's own, or for a department's "
        "sheet without one the ledger's current date",
    ),
    "cli.help.reason": (
        "延期理由：本次上传将整改时限延后的，必须填写",
        "The reason for pushing back deadlines: required when this upload moves a deadline later",
    ),
    "cli.help.dry_run": ("只显示将作的更改，不保存", "Show what would change, save nothing"),
    "cli.help.changes": (
        "列出某一版本的变化核查结果（状态倒退、完成时间倒签、时限变更未经批准等）",
        "List what a version changed quietly (status reversed, backdated completions, deadlines moved …)",
    ),
    "cli.help.reopen": (
        "“回头看”：重新打开已核实销号的问题（问题反弹）",
        "Reopen a problem verified closed (it came back)",
    ),
    "cli.help.reopen_reason": ("重新打开的理由", "Why it is reopened"),
    "cli.help.extensions": ("延期申请：列出、批准或不予批准", "Deadline extensions: list, approve or reject"),
    "cli.help.extensions_list": (
        "列出待审批的延期申请",
        "List the extension requests waiting for a decision",
    ),
    "cli.help.extensions_all": (
        "列出全部延期记录（含已审批和无需审批的）",
        "List every extension, decided or not",
    ),
    "cli.help.extensions_approve": ("批准延期申请", "Approve an extension request"),
    "cli.help.extensions_reject": (
        "不予批准延期申请（仍按原定时限）",
        "Reject an extension request (the old deadline stands)",
    ),
    "cli.help.extension": (
        "延期申请编号（见 extensions list）",
        "The extension's number (see extensions list)",
    ),
    "cli.help.extension_note": ("审批意见", "A note on the decision"),
    "cli.restore_preview": (
        "恢复版本{version}将：新增{added}项，修改{changed}项，去掉{missing}项",
        "Restoring version {version} would add {added}, change {changed} and drop {missing}",
    ),
    "cli.no_quiet_changes": ("版本{version}未发现需核查的变化", "Version {version} changed nothing quietly"),
    "cli.quiet_line": (
        "{kind}  {item}  {department}  {before} → {after}",
        "{kind}  {item}  {department}  {before} → {after}",
    ),
    "cli.reopened": ("已重新打开问题：{id}", "Reopened: {id}"),
    "cli.no_extensions": ("没有待审批的延期申请", "No extension request waits for a decision"),
    "cli.extension_line": (
        "{extension}  {state_label}  {item}  {department}  {old} → {new}  申请人{requested_by}  "
        "理由：{reason}",
        "{extension}  {state_label}  {item}  {department}  {old} → {new}  by {requested_by}  "
        "reason: {reason}",
    ),
    "cli.extension_approved": ("已批准第{extension}号延期申请", "Extension {extension} approved"),
    "cli.extension_rejected": (
        "第{extension}号延期申请不予批准，仍按原定时限",
        "Extension {extension} rejected: the old deadline stands",
    ),
    "cli.extensions_requested": (
        "其中{count}项整改时限延后，已作为延期申请报巡察办审批；批准前仍按原定时限预警",
        "{count:deadline was|deadlines were} moved later and wait for approval; until then the old ones "
        "stand",
    ),
    "cli.as_of.sheet": ("截至日期：{date}（取自表中填报时间）", "As of {date} (the sheet's own date)"),
    "cli.as_of.current": (
        "截至日期：{date}（表中未写明，沿用台账当前截至日期）",
        "As of {date} (the sheet states none: the ledger's date kept)",
    ),
    "cli.as_of.today": (
        "截至日期：{date}（表中未写明，按今天）",
        "As of {date} (the sheet states none: today)",
    ),
    "cli.as_of.set": ("截至日期：{date}（按保存时指定）", "As of {date} (as set when saving)"),
    "cli.as_of.restored": ("截至日期：{date}（沿用所恢复版本的）", "As of {date} (the restored version's)"),
    "extension.state.pending": ("待审批", "Pending"),
    "extension.state.approved": ("已批准", "Approved"),
    "extension.state.rejected": ("未批准", "Rejected"),
    "extension.state.recorded": ("已记录（无需审批）", "Recorded (no approval needed)"),
    "history.as_of": ("截至日期", "As of"),
    "history.as_of_source": ("截至日期来源", "As-of from"),
    "as_of.source.sheet": ("表中填报时间", "The sheet"),
    "as_of.source.current": ("沿用台账原截至日期", "The ledger's, kept"),
    "as_of.source.today": ("上传当日", "The day of upload"),
    "as_of.source.set": ("保存时指定", "Set when saving"),
    "as_of.source.restored": ("所恢复版本的", "The restored version's"),
    "extension.no_deadline": ("未定时限", "No deadline"),
    "extension.old": ("原定时限", "Deadline before"),
    "extension.new": ("变更后时限", "Deadline after"),
    "extension.number": ("申请编号", "No."),
    "extension.state": ("审批状态", "State"),
    "extension.requested_by": ("申请人", "Requested by"),
    "extension.reason": ("延期理由", "Reason"),
    "extension.decided_by": ("审批人", "Decided by"),
    "extension.decision_note": ("审批意见", "Decision note"),
    "quiet.kind": ("核查事项", "What changed"),
    "quiet.kind.regression": ("整改状态倒退", "Completion reversed"),
    "quiet.kind.vanished": ("问题消失", "Problem vanished"),
    "quiet.kind.returned": ("问题重现", "Problem came back"),
    "quiet.kind.backdated": ("完成时间倒签", "Completion backdated"),
    "quiet.kind.late": ("逾期完成", "Completed after the deadline"),
    "quiet.kind.unchanged_progress": ("进展未更新即报完成", "Reported done, progress unchanged"),
    "quiet.kind.deadline_moved": ("整改时限变更未经批准", "Deadline changed without approval"),
    "upload.as_of": ("新版本截至日期", "As-of date of the new version"),
    "upload.as_of_help": (
        "预警和逾期按此日期判断。默认取表中填报时间；部门表未写明的沿用台账当前截至日期，整表替换未写明的按"
        "今天。",
        "Warnings and overdue are judged at this date. By default the sheet's own; for a department's sheet "
        "without one the ledger's current date, for a replacement without one today.",
    ),
    "upload.as_of_source.sheet": ("取自表中填报时间", "From the sheet's own date"),
    "upload.as_of_source.current": (
        "表中未写明填报时间，沿用台账当前截至日期；本部门的数据按今天报送记录",
        "The sheet states no date: the ledger's current as-of date is kept; your rows count as reported "
        "today",
    ),
    "upload.as_of_source.today": ("表中未写明填报时间，按今天", "The sheet states no date: today"),
    "upload.as_of_source.restored": ("沿用所恢复版本的截至日期", "The restored version's as-of date"),
    "upload.as_of_source.set": ("保存时指定", "Set when saving"),
    "upload.extensions": (
        "本次上传将{count}项未完成整改措施的整改时限延后，将作为延期申请报巡察办审批；批准前仍按原定时限预警"
        "和计算逾期。",
        "This upload moves the deadline of {count} open measure(s) later. They go to the inspection office "
        "as "
        "extension requests; until approved, the old deadlines stand for warnings and overdue.",
    ),
    "upload.extensions_approver": (
        "本次上传将{count}项未完成整改措施的整改时限延后，保存即视为您已批准延期，并记录在案。",
        "This upload moves the deadline of {count} open measure(s) later. Saving records the extensions as "
        "approved by you.",
    ),
    "upload.deadlines_earlier": (
        "本次上传将{count}项整改措施的整改时限提前或调整，无需审批，将记录在案。",
        "This upload brings {count} deadline(s) forward; no approval is needed, and the change is recorded.",
    ),
    "upload.extension_reason": ("延期理由（必填）", "Reason for the extension (required)"),
    "upload.extension_reason_optional": ("时限调整说明", "Why the deadlines change"),
    "upload.extension_reason_placeholder": (
        "如：需等待上级批复、涉及跨年度资金安排等",
        "e.g. waiting for approval from above, funding spans the next year",
    ),
    "upload.quiet": (
        "变化核查：本次上传有{count}处变化需核查",
        "Check: this upload makes {count} change(s) to look at",
    ),
    "history.restore_title": (
        "恢复第{version}版：将作的更改",
        "Restoring version {version}: what would change",
    ),
    "history.restore_cancel": ("取消恢复", "Cancel"),
    "history.quiet": ("第{version}版变化核查", "Version {version}: changes to check"),
    "history.quiet_none": (
        "本版本未发现状态倒退、问题消失或重现、完成时间倒签、逾期完成、时限擅自变更等情况。",
        "This version reversed no completion, dropped or brought back no problem, backdated nothing and "
        "moved no deadline without approval.",
    ),
    "history.quiet_detail": ("问题详情", "Item"),
    "history.quiet_timeline": ("历次变化", "Timeline"),
    "history.quiet_open": ("查看", "Open"),
    "quiet.total": ("合计", "Total"),
    "reopen.shown": (
        "该问题已于{at}由{by}“回头看”重新打开，理由：{reason}。重新报送并再次核实销号前，按推进中计。",
        "Reopened on {at} by {by}: {reason}. It counts as in progress until reported again and verified "
        "again.",
    ),
    "reopen.heading": ("回头看：重新打开", "Reopen (it came back)"),
    "reopen.reason": ("重新打开的理由（问题反弹的情况）", "Why it is reopened (how the problem came back)"),
    "reopen.confirm": ("重新打开", "Reopen"),
    "reopen.done": ("已重新打开问题：{id}", "Reopened: {id}"),
    "late.shown": (
        "逾期完成：整改措施{measure}于{completed}完成，整改时限为{deadline}，逾期{days}天。",
        "Done late: measure {measure} was done on {completed}, {days:day|days} after its deadline "
        "{deadline}.",
    ),
    "extension.heading": ("整改时限变更记录（{count}条）", "Deadline changes ({count})"),
    "extension.waiting": (
        "{count}项延期申请待巡察办审批，批准前仍按原定时限预警。",
        "{count:request waits|requests wait} for the inspection office; until approved, the old deadline "
        "stands.",
    ),
    "extension.decide": ("审批延期申请", "Decide an extension request"),
    "extension.choice": ("第{number}号申请", "Request {number}"),
    "extension.approve": ("批准延期", "Approve"),
    "extension.reject": ("不予批准", "Reject"),
    "extension.approved": ("已批准第{number}号延期申请", "Extension request {number} approved"),
    "extension.rejected": (
        "第{number}号延期申请不予批准，仍按原定时限",
        "Extension request {number} rejected",
    ),
    "column.last_report": ("最近报送", "Last report"),
    "departments.stale": ("{date}（超期{days}天未报送）", "{date} ({days} days without a report)"),
    "column.extensions": ("延期次数", "Extensions"),
    "column.pending_extensions": ("待审批延期", "Pending extensions"),
    "column.quiet": ("变化核查", "Changes to check"),
    "cli.restored": ("已把版本{version}恢复为新版本{new}", "Version {version} restored as new version {new}"),
    "cli.exported": (
        "已导出版本{version}（{rows}项）到 {file}",
        "Exported version {version} ({rows:item|items}) to {file}",
    ),
    "cli.exported_tasks": (
        "已导出版本{version}的整改任务清单（{rows}个问题，{tasks}项整改任务）到 {file}",
        "Exported the task list of version {version} ({rows:finding|findings}, {tasks:task|tasks}) to {file}",
    ),
    "cli.help.tasks": (
        "按整改任务导出：每项任务一行，问题的编号、类别、描述等在每行重复，不合并单元格",
        "Export one row per task, each repeating its finding's cells, with no merged cells",
    ),
    "cli.version_line": (
        "版本{version}  {created_at}  {author}  {mode}  {file}  截至{as_of}  共{total}项  已完成{done}  "
        "完成率{rate}",
        "v{version}  {created_at}  {author}  {mode}  {file}  as of {as_of}  {total:item|items}  {done} done  "
        "{rate}",
    ),
    "export.title": ("整改台账（截至{date}）", "Rectification ledger (as of {date})"),
    "export.title_unit": ("{unit}整改台账（截至{date}）", "Rectification ledger of {unit} (as of {date})"),
    # A text longer than an Excel cell holds (32,767 characters): cut, marked, and kept whole.
    "export.full_text_sheet": ("全文", "Full text"),
    "export.cut_mark": ("……（全文见“{sheet}”工作表）", "… (full text on the “{sheet}” sheet)"),
    "export.full_text_caption": (
        "以下内容超过Excel单元格容量（{limit:,}个字符），在主表中截断；全文按顺序分段存放，"
        "各段依次连接即为原文",
        "These texts are longer than an Excel cell holds ({limit:,} characters) and are cut in the "
        "table; each is kept here whole, in parts to be read one after the other",
    ),
    "export.full_text_field": ("字段", "Column"),
    "export.full_text_length": ("字数", "Characters"),
    "export.full_text_part": ("第{part}段", "Part {part}"),
    "export.cut_warning": (
        "提示：以下{count}处内容超过Excel单元格容量（{limit:,}个字符），已在表内截断，截断处标有"
        "{mark}，完整内容另存于“{sheet}”工作表：{cells}",
        "Note: {count:text is|texts are} longer than an Excel cell holds ({limit:,} characters): cut in "
        "the table where it ends in {mark}, and kept whole on the “{sheet}” sheet: {cells}",
    ),
    "export.cut_cell": ("编号{item}的“{field}”（{length:,}字）", "{field} of {item} ({length:,} characters)"),
    "export.cut_more": ("另有{count}处从略", "and {count} more"),
    "export.csv_whole": (
        "CSV 文件没有单元格容量限制，以上内容在 CSV 中完整保留。",
        "A CSV file has no such limit: it keeps these texts whole.",
    ),
    "upload.intro": (
        "下载模板填好后上传。系统先检查文件并预览将发生的变化，确认后才保存为新版本；"
        "每次保存都是新版本，历史版本永不覆盖。",
        "Download the template, fill it in and upload it. The file is checked and the changes are "
        "shown first; only your confirmation saves a new version, and earlier versions are never "
        "overwritten.",
    ),
    "upload.template": ("下载填报模板", "Download the template"),
    "upload.template_name": ("整改台账填报模板", "ledger-template"),
    # The blank template (template.py) and its 填写说明 sheet.
    "template.sheet": ("整改台账", "Ledger"),
    "template.notes_sheet": ("填写说明", "How to fill in"),
    "template.title": ("（单位名称）巡察整改台账", "(Unit) inspection rectification ledger"),
    "template.unit_line": ("填报单位：", "Reporting unit: "),
    "template.date_line": ("填报时间：    年  月  日", "Reported on:"),
    "template.separator": ("、", ", "),
    "template.status_error": ("请从下拉列表中选择整改状态", "Choose a status from the list"),
    "template.deadline_prompt": (
        "填日期（如 2024-06-30），或{terms}",
        "A date (such as 2024-06-30), or {terms}",
    ),
    "template.notes": ("填写说明", "How to fill in the ledger"),
    "template.rule.rows": (
        "从第{first}行开始填写，每个问题占一行；问题分解为几项整改任务的，每项任务占一行。"
        "不要改动第{header}行的列名，可以删除不用的列。",
        "Start on row {first}, one row per finding, or one row per task where a finding is broken "
        "into tasks. Leave the column names on row {header} as they are; columns you do not use "
        "may be deleted.",
    ),
    "template.rule.required": (
        "问题类别、问题描述必填。同一类别的多行可以合并单元格，系统会自动向下填充。",
        "Category and finding are required. Rows of one category may share a merged cell; it is filled down.",
    ),
    "template.rule.measures": (
        "一个问题分解为几项整改任务的，编号、问题类别、问题描述等问题本身的单元格上下合并，"
        "任务序号、整改措施、责任部门、整改时限、整改状态等按每项任务分行填写，任务序号依次填1.1、1.2……"
        "（见下方示例）。各项任务都完成，该问题才计为已完成。",
        "Where a finding is broken into tasks, merge the finding's own cells (ID, category, "
        "finding) down over its task rows and fill in the task number, action, department, due "
        "date and status of each task on its own row, numbering the tasks 1.1, 1.2 … (see the "
        "example below). The finding counts as done only when every task is done.",
    ),
    "template.rule.ids": (
        "编号用于识别同一个问题，请保持不变；不填时系统按问题类别和问题描述自动生成。",
        "The ID tells the system it is the same finding: keep it unchanged. Left blank, it is made "
        "from the category and the finding.",
    ),
    "template.rule.departments": (
        "责任部门只填牵头部门；有配合部门的填在“配合部门”列，多个部门之间用“、”分隔。",
        "Under Owner department put only the lead department; supporting departments go in the "
        "Supporting departments column, several separated by “、”.",
    ),
    "template.rule.deadline": (
        "整改时限填日期（如 2024-06-30、2024/6/30、2024年6月30日），或填“立行立改”“长期坚持”。",
        "Write the due date as a date (such as 2024-06-30 or 2024/6/30), or “Immediately” or “Standing”.",
    ),
    "template.rule.status": (
        "整改状态从下拉列表选择：{statuses}。只有“{done}”计入完成率。",
        "Choose the status from the list: {statuses}. Only “{done}” counts towards the completion rate.",
    ),
    "template.rule.inferred": (
        "不填整改状态时，系统根据整改进展的文字推断状态，并标记为“推断”。",
        "Where the status is left blank, it is inferred from the progress text and marked as inferred.",
    ),
    "template.rule.as_of": (
        "第{date_row}行的“填报时间”作为截至日期，逾期和临期预警都以它为准。",
        "The reporting date on row {date_row} is the as-of date that overdue and due-soon warnings "
        "are judged against.",
    ),
    "template.rule.files": (
        "文件可保存为 .xlsx、.xls 或 .csv（UTF-8 或 GBK 编码均可）。",
        "Save the file as .xlsx, .xls or .csv (UTF-8 or GBK).",
    ),
    "template.example": (
        "填写示例：一个问题分解为两项整改任务，问题本身的单元格上下合并",
        "Example: one finding broken into two tasks, the finding's own cells merged over both rows",
    ),
    "template.example.column": ("{letter}列\n{name}", "Column {letter}\n{name}"),
    "template.example.category": ("党的建设", "Party building"),
    "template.example.problem": (
        "理论学习不够深入，“第一议题”制度落实不到位",
        "Theory study is shallow; the “first item on the agenda” rule is not kept",
    ),
    "template.example.measure_1": (
        "制定年度理论学习计划，每月至少开展一次集中学习",
        "Draw up a yearly study plan with group study at least once a month",
    ),
    "template.example.measure_2": (
        "建立“第一议题”学习台账，纳入年度党建工作考核",
        "Keep a record of “first item” study and include it in the yearly Party-work review",
    ),
    "template.example.leader": ("张某某", "Zhang San"),
    "template.example.department_1": ("党政办公室", "General Office"),
    "template.example.department_2": ("组织人事部", "Organisation and Personnel"),
    "upload.mode": ("导入方式", "How to import"),
    "upload.mode.merge": ("部门表合并", "Merge a department's sheet"),
    "upload.mode.replace": ("整本替换", "Replace the whole ledger"),
    "upload.mode_help": (
        "部门表合并：只更新表中出现的问题、新增新编号，其余问题不变。整本替换：以此表为完整台账，"
        "表中没有的问题移出当前版本（历史版本中仍保留）。",
        "Merge: only the items in the sheet are updated and new IDs added; nothing else changes. "
        "Replace: the sheet becomes the whole ledger; items missing from it leave the current "
        "version (they stay in history).",
    ),
    "upload.file": ("选择台账文件", "Choose a ledger file"),
    "upload.refused": ("文件不能导入，没有保存任何内容", "The file cannot be imported; nothing was saved"),
    # The reading worker (reading_worker.py): a file read apart from the server, under limits.
    "upload.reading": ("正在读取并核对文件……", "Reading and checking the file…"),
    "upload.read_time": (
        "“{file}”过大或过于复杂，读取超过{seconds}秒时限仍未完成，已停止读取，未作任何更改。请删除表格以外的"
        "内容、将台账拆分为几个文件分别上传，或用 Excel、WPS 打开后另存为 .xlsx 再上传；如台账确需这样大，"
        "请联系系统管理员",
        "“{file}” is too large or too complex: reading it did not finish within the {seconds}-second "
        "limit and was stopped; nothing was changed. Remove anything outside the table, split the "
        "ledger into several files and upload them one by one, or open it in Excel or WPS, save it as "
        ".xlsx and upload that; if the ledger really is this large, ask the administrator",
    ),
    "upload.read_memory": (
        "“{file}”过大或过于复杂，读取所需内存超过{mb}MB上限，已停止读取，未作任何更改。请删除表格以外的"
        "内容，或将台账拆分为几个文件分别上传；如台账确需这样大，请联系系统管理员",
        "“{file}” is too large or too complex: reading it needed more than the {mb} MB memory limit "
        "and was stopped; nothing was changed. Remove anything outside the table, or split the "
        "ledger into several files and upload them one by one; if the ledger really is this large, "
        "ask the administrator",
    ),
    "upload.read_stopped": (
        "读取“{file}”时读取程序意外中止，未作任何更改。文件可能已损坏或结构异常：请用 Excel 或 WPS 打开后"
        "另存为 .xlsx 再上传；如仍不能读取，请联系系统管理员",
        "Reading “{file}” stopped unexpectedly; nothing was changed. The file may be damaged or oddly "
        "built: open it in Excel or WPS, save it as .xlsx and upload that; if it still cannot be read, "
        "ask the administrator",
    ),
    "upload.errors": ("错误（{count}处）", "Errors ({count})"),
    "upload.warnings": ("提示（{count}条）", "Warnings ({count})"),
    "upload.preview": ("与当前版本（第{version}版）相比", "Compared with the current version ({version})"),
    "upload.preview_first": ("这将是第一个版本", "This will be the first version"),
    "upload.rows_title": ("{title}（{count}）", "{title} ({count})"),
    "upload.added": ("新增", "Added"),
    "upload.changed": ("修改", "Changed"),
    "upload.unchanged": ("未变", "Unchanged"),
    "upload.missing_merge": ("表中未出现（保留不变）", "Not in the file (kept)"),
    "upload.missing_replace": ("表中未出现（移出当前版本）", "Not in the file (leave the current version)"),
    "upload.no_change": (
        "内容与当前版本相同，不会生成新版本。",
        "Nothing would change: no new version will be made.",
    ),
    "upload.first_rows": ("只显示前{shown}项，共{total}项", "Showing the first {shown} of {total}"),
    "upload.note": ("版本说明（可选）", "Note for this version (optional)"),
    "upload.confirm": ("确认保存为新版本", "Save as a new version"),
    "upload.saved": ("已保存为第{version}版。", "Saved as version {version}."),
    "upload.nothing_saved": (
        "内容与当前版本相同，没有生成新版本。",
        "Nothing changed: no new version was made.",
    ),
    "column.sheet": ("工作表", "Sheet"),
    "column.row": ("行", "Row"),
    "column.column": ("列", "Column"),
    "column.value": ("内容", "Value"),
    "column.message": ("说明", "Message"),
    "column.field": ("字段", "Field"),
    "column.before": ("原值", "Before"),
    "column.after": ("新值", "After"),
    "history.trend_departments": (
        "趋势只统计侧栏所选部门：{departments}",
        "The trend counts only the departments chosen in the sidebar: {departments}",
    ),
    "history.filters_ignored": (
        "版本历史按整本台账统计：侧栏筛选中只有“责任部门”适用于趋势，巡察轮次、类别、状态、预警和关键词不影"
        "响本页",
        "Versions are counted over the whole ledger: of the sidebar filters only Department applies to "
        "the trend; round, category, status, warning and keyword do not affect this page",
    ),
    "history.file_name": ("整改台账_第{version}版", "ledger_version_{version}"),
    "history.version": ("版本", "Version"),
    "history.version_short": ("第{version}版", "v{version}"),
    "history.time": ("时间", "Time"),
    "history.author": ("操作人", "By"),
    "history.system_author": ("系统（示例台账）", "System (sample ledger)"),
    "history.file": ("文件", "File"),
    "history.mode": ("方式", "How"),
    "history.mode.merge": ("部门表合并", "Merge"),
    "history.mode.replace": ("整本替换", "Replace"),
    "history.mode.restore": ("恢复", "Restore"),
    "history.note": ("说明", "Note"),
    "history.note.sample": ("示例台账（首次启动自动导入）", "Sample ledger (loaded on first start)"),
    "history.note.restore": ("恢复自第{version}版", "Restored from version {version}"),
    "history.versions": ("所有版本", "Every version"),
    "history.trend": ("完成率变化", "Completion rate over versions"),
    "history.choose": ("选择版本", "Choose a version"),
    "history.download": ("下载第{version}版（Excel）", "Download version {version} (Excel)"),
    "history.restore": ("恢复为新版本", "Restore as a new version"),
    "history.restore_help": (
        "以所选版本的内容生成一个新版本；不会删除或修改任何已有版本。",
        "Makes a new version with the chosen version's content; no version is deleted or changed.",
    ),
    "history.verifications": ("核实销号记录", "Closure verifications"),
    "history.verified_by": ("核实人", "Verified by"),
    "history.item": ("单个问题的变化", "One item across versions"),
    "history.item_id": ("问题编号", "Item ID"),
    "history.item_none": ("没有编号为“{id}”的问题", "No item with ID “{id}”"),
    "history.item_heading": ("变化记录", "History of this item"),
    "auth.please_sign_in": (
        "请使用单位账号登录后查看整改看板。",
        "Please sign in with your organisation account.",
    ),
    "auth.sign_in": ("登录", "Sign in"),
    "auth.sign_out": ("退出登录", "Sign out"),
    "auth.signed_in_as": ("当前用户：{name}（{role}）", "Signed in as {name} ({role})"),
    "auth.unknown": (
        "您好，{identity}。您的账号尚未开通整改看板权限，请联系管理员添加。",
        "Hello, {identity}. Your account has no access to this dashboard yet; please ask an administrator.",
    ),
    "auth.no_identity": (
        "未能识别您的身份，请通过单位门户访问整改看板。",
        "We could not tell who you are; please open the dashboard through your organisation's portal.",
    ),
    "auth.local_note": (
        "本机模式：看板只在本机可访问，使用者即管理员。",
        "Local mode: only this computer can reach the dashboard, and its user is the administrator.",
    ),
    "auth.local_exposed": (
        "服务器正在监听 {address}，网络上的其他人也能访问，但本机模式没有登录，因此拒绝一切修改。"
        "请设置 RECTIFICATION_AUTH=oidc（单位统一身份认证）或 proxy（反向代理认证），"
        "或让服务器只监听 127.0.0.1。",
        "The server listens on {address}, so others on the network can reach it, but local mode has no "
        "sign-in: every change is refused. Set RECTIFICATION_AUTH=oidc (your identity provider) or proxy "
        "(a signing-in reverse proxy), or listen on 127.0.0.1 only.",
    ),
    "auth.forbidden": ("您的角色（{role}）不能使用此页面。", "Your role ({role}) cannot use this page."),
    "auth.action_refused": ("您的角色（{role}）不能执行此操作。", "Your role ({role}) cannot do this."),
    "auth.outside_scope": (
        "以下问题不属于您负责的部门（{departments}），不能由您修改：{ids}",
        "These items are not your department's ({departments}) and cannot be changed by you: {ids}",
    ),
    "closure.verified": (
        "已核实销号：{by}，{at}。佐证：{evidence}。{note}",
        "Verified closed by {by} on {at}. Evidence: {evidence}. {note}",
    ),
    "closure.cleared": (
        "销号已失效：第{version}版由{who}修改了{fields}，需要重新核实（原由{by}于{at}核实）。",
        "Verification cleared: version {version} by {who} changed {fields}; it needs checking again "
        "(verified by {by} on {at}).",
    ),
    "closure.heading": ("核实销号", "Verify closure"),
    "closure.note": ("核实意见", "Finding of the check"),
    "closure.evidence": (
        "佐证材料（文号、链接或存放位置）",
        "Evidence (reference, link or where it is kept)",
    ),
    "closure.confirm": ("确认核实销号", "Verify closure"),
    "closure.done": ("已核实销号：{id}", "Verified closed: {id}"),
    "closure.not_done": ("只有已完成的问题才能核实销号。", "Only done items can be verified closed."),
    "closure.not_verifiable": (
        "问题“{id}”不能核实销号：当前版本中没有该问题，或其整改尚未完成。",
        "“{id}” cannot be verified closed: the current version has no such item, or it is not done.",
    ),
    "extension.not_pending": (
        "第{extension}号延期申请不是待审批状态（已批准、未批准或无需审批），不能再作决定。",
        "Extension request {extension} is not pending (approved, rejected or needing no approval).",
    ),
    "extension.reason_needed": (
        "本次上传将{count}项整改措施的整改时限延后，须填写延期理由后才能保存。",
        "This upload moves the deadline of {count} measure(s) later: give the reason before saving.",
    ),
    "reopen.not_closed": (
        "问题“{id}”不能重新打开：只有已核实销号的问题才能“回头看”重新打开。",
        "“{id}” cannot be reopened: only a problem verified closed can be reopened.",
    ),
    "reopen.reason_needed": (
        "重新打开问题“{id}”须写明理由（如问题反弹的情况）。",
        "Reopening “{id}” needs a reason (how the problem came back).",
    ),
    "notice.unparsed_line": (
        "不是问题条目，也不是类别标题，未读取：“{value}”",
        "Neither a finding nor a category heading; not read: “{value}”",
    ),
    "notice.ledger_disagrees.total": (
        "通报写明共{claimed}个问题，导入后台账共{found}个（“{sentence}”）",
        "The notice states {claimed:finding|findings}; after importing it the ledger "
        "holds {found} (“{sentence}”)",
    ),
    "notice.ledger_disagrees.done": (
        "通报写明已完成{claimed}个，导入后台账已完成{found}个（“{sentence}”）",
        "The notice states {claimed} done; after importing it the ledger has {found} (“{sentence}”)",
    ),
    "notice.ledger_disagrees.rate": (
        "通报写明完成率{claimed}，导入后台账完成率为{found}（“{sentence}”）",
        "The notice states a completion rate of {claimed}; after importing it the ledger "
        "gives {found} (“{sentence}”)",
    ),
    "notice.figures_differ": (
        "生成的通报中有与台账不符的数字，未生成：{figures}",
        "The notice would state figures the ledger does not give, so it was not written: {figures}",
    ),
    "remind.subject_overdue": (
        "【整改督办】{department}有逾期未完成的整改任务（截至{date}）",
        "[Rectification] {department} has overdue tasks (as of {date})",
    ),
    "remind.subject_due": (
        "【整改提醒】{department}有即将到期的整改任务（截至{date}）",
        "[Rectification] {department} has tasks due soon (as of {date})",
    ),
    "remind.mail_plain": (
        "邮件服务器{host}不在本机，不能以不加密方式（RECTIFICATION_SMTP_SECURITY=none）发送，未发送任何提醒；"
        "请改用 starttls 或 ssl",
        "The mail server {host} is not on this computer, so mail cannot go unencrypted "
        "(RECTIFICATION_SMTP_SECURITY=none); nothing was sent. Use starttls or ssl",
    ),
    "send.timeout": ("连接超时", "timed out"),
    "send.unreachable": ("无法连接服务器", "server not reachable"),
    "send.certificate": ("服务器证书校验未通过", "the server's certificate was not trusted"),
    "send.login": ("邮箱登录被拒绝（用户名或密码不正确）", "mail login refused (user or password)"),
    "send.refused": ("邮件服务器拒收", "refused by the mail server"),
    "send.http": ("机器人地址返回错误", "the robot's address answered with an error"),
    "send.robot": ("机器人拒收", "refused by the robot"),
    "send.other": ("发送出错", "sending failed"),
    "remind.mail_unset": (
        "发送渠道含邮件，但未设置邮件服务器或发件人（RECTIFICATION_SMTP_HOST、RECTIFICATION_SMTP_SENDER），"
        "未发送任何提醒",
        "Mail is a channel but no mail server or sender is set (RECTIFICATION_SMTP_HOST, "
        "RECTIFICATION_SMTP_SENDER); nothing was sent",
    ),
    "contacts.empty": ("文件{file}的工作表“{sheet}”没有内容", "Sheet “{sheet}” of {file} is empty"),
    "contacts.missing_columns": (
        "文件{file}的工作表“{sheet}”缺少列：{columns}",
        "Sheet “{sheet}” of {file} lacks the columns {columns}",
    ),
    "contacts.refused": (
        "联系人表{file}有{count}处问题，未导入任何联系人：\n{problems}",
        "{count:problem|problems} in the contacts sheet {file}; no contact was imported:\n{problems}",
    ),
    "contacts.unreadable": (
        "联系人表{file}无法读取：{reason}",
        "The contacts sheet {file} cannot be read: {reason}",
    ),
    "contacts.no_department": (
        "工作表“{sheet}”第{row}行“{column}”列为空：请填写部门名称",
        "Sheet “{sheet}” row {row}, column “{column}”: the department is empty",
    ),
    "contacts.bad_role": (
        "工作表“{sheet}”第{row}行“{column}”列“{value}”不是经办人、分管领导或主要负责人",
        "Sheet “{sheet}” row {row}, column “{column}”: “{value}” is not 经办人, 分管领导 or 主要负责人",
    ),
    "contacts.bad_email": (
        "工作表“{sheet}”第{row}行“{column}”列“{value}”不是电子邮箱地址",
        "Sheet “{sheet}” row {row}, column “{column}”: “{value}” is not an e-mail address",
    ),
    "contacts.bad_robot": (
        "工作表“{sheet}”第{row}行“{column}”列“{value}”不是钉钉、企业微信或飞书",
        "Sheet “{sheet}” row {row}, column “{column}”: “{value}” is not DingTalk, WeCom or Feishu",
    ),
    "contacts.robot_needed": (
        "工作表“{sheet}”第{row}行填写了机器人地址，请在“{column}”列注明钉钉、企业微信或飞书",
        "Sheet “{sheet}” row {row} has a robot address: say in column “{column}” whether it is DingTalk, "
        "WeCom or Feishu",
    ),
    "contacts.bad_webhook": (
        "工作表“{sheet}”第{row}行“{column}”列不是 https:// 开头的机器人地址",
        "Sheet “{sheet}” row {row}, column “{column}”: not a robot address starting https://",
    ),
    "contacts.no_address": (
        "工作表“{sheet}”第{row}行既无邮箱也无机器人地址，无法发送",
        "Sheet “{sheet}” row {row} has neither an e-mail address nor a robot address",
    ),
    "contacts.twice": (
        "工作表“{sheet}”第{row}行与第{first}行是同一部门的同一角色",
        "Sheet “{sheet}” row {row} names the same department and role as row {first}",
    ),
    "contacts.field_no_department": ("请填写部门名称", "Enter the department"),
    "contacts.field_bad_role": (
        "“{role}”不是经办人、分管领导或主要负责人",
        "“{role}” is not one of officer, leader, head",
    ),
    "contacts.field_bad_email": (
        "{department}{role}的邮箱格式不正确",
        "The e-mail of the {role} of {department} is not an e-mail address",
    ),
    "contacts.field_bad_robot": (
        "{department}{role}填写了机器人地址，请选择钉钉、企业微信或飞书",
        "The {role} of {department} has a robot address: choose DingTalk, WeCom or Feishu",
    ),
    "contacts.field_bad_webhook": (
        "{department}{role}的机器人地址须以 https:// 开头",
        "The robot address of the {role} of {department} must start https://",
    ),
    "contacts.field_no_address": (
        "{department}{role}既无邮箱也无机器人地址，无法发送",
        "The {role} of {department} has neither an e-mail address nor a robot address",
    ),
    "remind.section": ("催办：今日{count}个部门有督办提醒", "Reminders: {count} departments to chase today"),
    "remind.section_note": (
        "按当前版本和逐级督办规则生成，尚未配置发送渠道，不会自动发送；可复制提醒内容，或下载督办通知单打印。",
        "From the current version and the escalation rules. No channel is configured, so nothing is sent; "
        "copy a reminder, or download its 督办通知单 to print.",
    ),
    "remind.copies": ("今日提醒共{count}份：", "Today's reminders, {count:copy|copies}:"),
    "remind.unreachable": (
        "{department}未登记{role}的联系方式，这份提醒无法发送；请管理员在“用户与权限”页登记。",
        "{department} has no contact for its {role}, so this copy cannot go; an admin can enter one on "
        "the users page.",
    ),
    "remind.send": ("发送今日提醒（{count}份）", "Send today's reminders ({count})"),
    "remind.confirm_title": ("确认发送催办提醒", "Send the reminders?"),
    "remind.confirm": (
        "将向{departments}个部门发出今日尚未发送的{copies}份提醒，发出后无法撤回。",
        "{copies:copy|copies} not yet sent today will go to {departments:department|departments} and "
        "cannot be recalled.",
    ),
    "remind.today": ("今日", "Today"),
    "remind.nothing_to_send": ("没有需要发送的提醒。", "There was nothing to send."),
    "remind.all_sent": ("今日提醒均已发送，不再重复发送。", "Every copy went today; none is sent again."),
    "remind.confirm_send": ("确认发送", "Send"),
    "remind.sending": ("正在发送提醒……", "Sending the reminders…"),
    "remind.today_record": ("今日发送记录", "Sent today"),
    "remind.channels_on": (
        "按当前版本和逐级督办规则生成，将通过{channels}发送；同一提醒同一天只发送一次，每次发送均有记录。",
        "From the current version and the escalation rules; sent by {channels}. The same copy goes once a "
        "day, and every send is on record.",
    ),
    "remind.quiet_now": (
        "现在是免打扰时段，暂不发送（渠道：{channels}）；时段结束后再发。",
        "It is within the quiet hours, so nothing is sent now (channels: {channels}).",
    ),
    "history.reminders": ("催办记录", "Reminders sent"),
    "contacts.heading": ("催办联系人", "Contacts for reminders"),
    "contacts.intro": (
        "各部门的经办人、分管领导、主要负责人及其邮箱、办公群机器人。催办提醒发给经办人，逾期按规则提级发给"
        "分管领导、主要负责人。",
        "Each department's officer, leader and head, with e-mail and office chat robot. Reminders go to "
        "the officer, and when overdue up the chain by the escalation rules.",
    ),
    "contacts.none": ("尚未登记联系人。", "No contact entered yet."),
    "contacts.add": ("登记或更新联系人", "Enter or update a contact"),
    "contacts.unmatched": (
        "注意：当前台账中没有以下部门，提醒不会发给他们，请核对名称是否与台账一致：{departments}",
        "Note: the current ledger has no department named {departments}; no reminder will go to "
        "them. Check that the names are written as in the ledger.",
    ),
    "contacts.keep_note": (
        "更新已登记的联系人时，未填写的项保留原值；要去掉机器人，请先删除该联系人再重新登记。",
        "When updating a contact, what is left blank keeps its value; to drop a robot, remove the "
        "contact and enter it again.",
    ),
    "contacts.department_placeholder": ("选择或输入部门", "Choose or type a department"),
    "contacts.secret": ("加签密钥（钉钉、飞书，可不填）", "Signing secret (DingTalk, Feishu; optional)"),
    "contacts.import": ("从联系人表导入", "Import a contacts sheet"),
    "contacts.import_file": ("联系人表", "Contacts sheet"),
    "contacts.import_button": ("导入", "Import"),
    "contacts.remove": ("删除联系人", "Remove a contact"),
    "contacts.which": ("联系人", "Contact"),
    "remind.none": ("今日没有需要催办的部门。", "No department to chase today."),
    "remind.to": ("发送对象", "To"),
    "remind.longest": ("最长逾期天数", "Longest overdue (days)"),
    "remind.show": ("查看部门的提醒", "Show the reminder of"),
    "remind.download_docx": ("下载督办通知单（Word）", "Download the 督办通知单 (Word)"),
    "remind.role.officer": ("经办人", "officer in charge"),
    "remind.role.leader": ("分管领导", "leader in charge"),
    "remind.role.head": ("主要负责人", "head of the department"),
    "remind.opening": (
        "【整改督办提醒】{department}（{role}）：截至{date}，你单位牵头的整改任务中，逾期未完成{red}项、"
        "即将到期{yellow}项，请抓紧推进，按时报送整改进展。",
        "[Rectification reminder] {department} ({role}): as of {date}, of the tasks your department "
        "leads, overdue: {red}, due soon: {yellow}. Please press on and report progress on time.",
    ),
    "remind.item_overdue": (
        "{number}. {id} {problem}{task}；整改时限{deadline}，已逾期{days}天。",
        "{number}. {id} {problem}{task}; due {deadline}, {days} days overdue.",
    ),
    "remind.item_due": (
        "{number}. {id} {problem}{task}；整改时限{deadline}，即将到期。",
        "{number}. {id} {problem}{task}; due {deadline}, due soon.",
    ),
    "remind.task": ("（整改任务：{task}）", " (task: {task})"),
    "remind.escalated": (
        "因最长已逾期{days}天（超过{after}天），本提醒提级发送{role}督办。",
        "Sent to the {role} because the longest is {days} days overdue (more than {after}).",
    ),
    "remind.link": ("查看清单：{link}", "See the list: {link}"),
    "remind.closing": ("请及时报送整改进展情况。", "Please report your progress promptly."),
    "notice.cut_off": (
        "通报在第{row}行中断：最后一个问题“{value}”没有整改进展，已读取到此为止的内容",
        "The notice stops at line {row}: its last finding “{value}” has no progress; read as far as it goes",
    ),
    "notice.closing_line": (
        "第{row}行是通报结尾，未读取：“{value}”",
        "Line {row} closes the notice and was not read: “{value}”",
    ),
    "notice.no_sections": (
        "没有找到“（一）关于…方面问题的整改情况”这样的类别标题，无法读取问题",
        "No category headings such as “（一）关于…方面问题的整改情况” were found, so no findings "
        "could be read",
    ),
    "notice.disagrees.aspects": (
        "通报写明{claimed}个方面，但读出{found}个方面（“{sentence}”）",
        "The notice states {claimed} categories but {found} were read (“{sentence}”)",
    ),
    "notice.disagrees.total": (
        "通报写明共{claimed}个问题，但读出{found}个（“{sentence}”）",
        "The notice states {claimed:finding|findings} but {found} were read (“{sentence}”)",
    ),
    "notice.disagrees.done": (
        "通报写明已完成{claimed}个，但按进展判断已完成{found}个（“{sentence}”）",
        "The notice states {claimed} done but the progress texts give {found} (“{sentence}”)",
    ),
    "notice.disagrees.in_progress": (
        "通报写明正在整改{claimed}个，但按进展判断正在整改{found}个（“{sentence}”）",
        "The notice states {claimed} under way but the progress texts give {found} (“{sentence}”)",
    ),
    "notice.disagrees.long_term": (
        "通报写明长期坚持{claimed}个，但按进展判断长期坚持{found}个（“{sentence}”）",
        "The notice states {claimed} long-term but the progress texts give {found} (“{sentence}”)",
    ),
    "notice.disagrees.pending": (
        "通报写明未完成{claimed}个，但按进展判断尚未启动{found}个（“{sentence}”）",
        "The notice states {claimed} not started but the progress texts give {found} (“{sentence}”)",
    ),
    "notice.disagrees.rate": (
        "通报写明完成率{claimed}，但读出的问题完成率为{found}（“{sentence}”）",
        "The notice states a completion rate of {claimed} but the findings read give {found} (“{sentence}”)",
    ),
    "notice.tasks_disagree.total": (
        "通报写明分解整改任务{claimed}项，但读出{found}项（“{sentence}”）",
        "The notice states {claimed:task|tasks} but {found} were read (“{sentence}”)",
    ),
    "notice.tasks_disagree.done": (
        "通报写明整改任务已完成{claimed}项，但按进展判断已完成{found}项（“{sentence}”）",
        "The notice states {claimed:task|tasks} done but the progress texts give {found} (“{sentence}”)",
    ),
    "report.write": ("生成整改进展通报", "Write the progress notice"),
    "report.preview_cut": (
        "预览中每部分只显示前{chars}字，完整内容请下载 Word 或 Markdown 文件查看。",
        "The preview shows the first {chars} characters of each part; download the Word or Markdown file for "
        "all of it.",
    ),
    "report.write_intro": (
        "按当前台账（或任一版本）生成与已发布通报同样结构的整改进展情况通报，可下载 Word 或 Markdown。",
        "Writes the progress notice in the published structure from the current ledger (or any "
        "version), as Word or Markdown.",
    ),
    "report.version": ("依据版本", "From version"),
    "report.unit": ("发文单位", "Issuing unit"),
    "report.unit_help": (
        "写在标题开头和文末落款处；台账有“被巡察单位”时自动填入。",
        "Written at the head of the title and signed at the foot; taken from the ledger's unit "
        "when it has one.",
    ),
    "report.unit_placeholder": ("如：中共××区委员会", "e.g. 中共××区委员会"),
    "report.round": ("巡察轮次", "Round"),
    "report.round_placeholder": ("巡察", "巡察"),
    "report.round_help": (
        "写进标题“关于…整改进展情况的通报”和结束语；台账有“巡察轮次/来源”时自动填入，留空为“巡察”。",
        "Named in the title (关于…整改进展情况的通报) and the closing sentence; taken from the "
        "ledger's round when it has one, 巡察 when left empty.",
    ),
    "report.download_docx": ("下载 Word 通报", "Download Word notice"),
    "report.download_md": ("下载 Markdown", "Download Markdown"),
    "report.file_name": ("整改进展情况通报", "progress-notice"),
    "report.read": ("导入已发布的通报", "Import a published notice"),
    "report.read_intro": (
        "上传通报（.docx 或 .txt），或把通报全文粘贴进来：系统按“（一）关于…方面”和“一是…进展：…”读出问题，"
        "核对后可保存为台账版本。",
        "Upload a notice (.docx or .txt) or paste its text: the findings are read from its "
        "“（一）关于…方面” headings and “一是…进展：…” items, and can be saved as a ledger version.",
    ),
    "report.file": ("通报文件", "Notice file"),
    "report.paste": ("或粘贴通报全文", "Or paste the notice's text"),
    "report.title": ("标题：{title}", "Title: {title}"),
    "report.as_of": ("进展截至", "Progress as of"),
    "report.as_of_help": (
        "通报所述进展的日期，用于判断逾期和临期；通报写明“截至…”时自动填入，否则默认为今天",
        "The date the notice's progress stands at, which decides what is overdue or due soon; taken "
        "from the notice's own “截至…” when it has one, otherwise today",
    ),
    "report.read_items": ("通报中读出的问题", "Findings read from the notice"),
    "report.found": (
        "读出{count}个问题，{categories}个类别",
        "{count:finding|findings} in {categories:category|categories}",
    ),
    "report.matched": (
        "其中{matched}个是当前台账已有的问题：沿用其编号、责任部门和整改时限，只更新整改措施、整改进展"
        "和随进展变化的状态；其余{new}个按新问题处理",
        "Of these, {matched:is|are} already in the current ledger: each keeps its ID, department and "
        "deadline, and takes the notice's measures and progress (and, where the progress is new, "
        "the status it implies); {new:other is|others are} treated as new items",
    ),
    "report.claimed": (
        "通报自述：共{total}个问题，已完成{done}个",
        "The notice's own figures: {total:finding|findings}, {done} done",
    ),
    "admin.no_members": (
        "尚未登记任何人员。在下方添加，并为其指定角色。",
        "No one is registered yet. Add people below and give each a role.",
    ),
    "admin.intro": (
        "在这里决定谁能使用看板：领导查看全部；巡察/纪检还能导出和核实销号；部门填报员只能合并本部门的表；"
        "管理员可以整本替换、恢复版本和管理本表。",
        "Decide who may use the dashboard: viewers see everything; inspectors also export and verify "
        "closures; uploaders merge their own department's sheets only; admins replace, restore and "
        "manage this table.",
    ),
    "admin.add": ("添加或修改人员", "Add or change a person"),
    "admin.identity": ("账号（邮箱或用户名）", "Account (email or user name)"),
    "admin.identity_needed": ("请填写账号", "Enter an account"),
    "admin.role": ("角色", "Role"),
    "admin.departments": ("负责的部门", "Departments"),
    "admin.departments_placeholder": ("选择或输入部门", "Choose or type departments"),
    "admin.all_departments": ("全部", "All"),
    "admin.changed_by": ("设置人", "Set by"),
    "admin.save": ("保存", "Save"),
    "admin.remove": ("移除人员", "Remove a person"),
    "role.unknown": (
        "没有“{role}”这一角色，可选：{roles}",
        "There is no role “{role}”; choose one of: {roles}",
    ),
    "role.viewer": ("领导查看", "Viewer"),
    "role.inspector": ("巡察/纪检", "Inspector"),
    "role.uploader": ("部门填报", "Uploader"),
    "role.admin": ("管理员", "Admin"),
    # Settings (rectification/settings.py): refused values and what each kind accepts.
    "setting.invalid": (
        "设置 {name} 的值“{value}”无效，可取值：{allowed}",
        "Setting {name} has the value “{value}”, which is not valid; it takes {allowed}",
    ),
    "setting.invalid_in_secrets": (
        "设置 {name}（.streamlit/secrets.toml 中的 {secret}）的值“{value}”无效，可取值：{allowed}",
        "Setting {name} ({secret} in .streamlit/secrets.toml) has the value “{value}”, which is not "
        "valid; it takes {allowed}",
    ),
    "setting.invalid_many": (
        "有 {count} 项设置无效，请逐项改正：\n{problems}",
        "{count:setting is|settings are} not valid; correct each:\n{problems}",
    ),
    "setting.unknown_secret": (
        ".streamlit/secrets.toml 中的“{secret}”不是本系统的设置项（可用的设置项：{names}）",
        "“{secret}” in .streamlit/secrets.toml is not a setting: the settings are {names}",
    ),
    "setting.secrets_unreadable": ("无法读取 {file}：{reason}", "Cannot read {file}: {reason}"),
    "setting.upload_limit_invalid": (
        "{name} 的值“{value}”无效：上传上限应为以 MB 计的整数，如 50",
        "{name} is “{value}”: the upload limit is a whole number of MB, such as 50",
    ),
    "setting.accepts.escalation": (
        "逐级督办的步骤，如 0:leader,15:head（逾期即发分管领导，逾期超过15天发主要负责人；角色为 officer、"
        "leader、head，天数由小到大）",
        "escalation steps such as 0:leader,15:head (overdue at all: the leader in charge; more than 15 days: "
        "the head; roles officer, leader, head, days rising)",
    ),
    "setting.accepts.channels": (
        "none，或 mail、robot 之一，或 mail,robot",
        "none, or mail, robot, or mail,robot",
    ),
    "setting.accepts.quiet_hours": ("时段，如 22:00-07:00，或 none", "hours such as 22:00-07:00, or none"),
    "setting.accepts.optional": ("任意文字，可为空", "any text, or nothing"),
    "setting.accepts.public_url": (
        "以 http:// 或 https:// 开头的地址，可为空",
        "an address starting http:// or https://, or nothing",
    ),
    "setting.accepts.text": ("非空文字", "any text that is not empty"),
    "setting.accepts.path": ("文件路径（不能为空）", "a file path (not empty)"),
    "setting.accepts.whole": ("{low} 至 {high} 之间的整数", "a whole number from {low} to {high}"),
    "setting.accepts.choice": ("{choices}（不区分大小写）", "{choices} (in any case)"),
    "setting.accepts.url": (
        "以 {schemes} 开头的数据库地址，如 {example}",
        "a database URL starting with {schemes}, such as {example}",
    ),
    "store.too_new": (
        "数据库由更新版本的程序写入（版本{found}），请升级本程序后再打开",
        "The store was written by a newer release of the program (schema {found}); "
        "upgrade this program to open it",
    ),
    # Faults of the store's database and disk (rectification/store/faults.py): each names the
    # cause and what to do, and the store by its file or server, never by its URL.
    "store.read_only": (
        "数据目录为只读，无法保存：数据库文件“{file}”或其所在目录“{folder}”不允许写入，本次未保存任何内容。"
        "请管理员检查该目录及文件的写入权限（须允许运行本系统的账户写入），并确认磁盘未以只读方式挂载",
        "The data folder is read-only, so nothing was saved: the database file “{file}” or its folder "
        "“{folder}” cannot be written. Ask your administrator to check the write permissions of that "
        "folder and file (the account running this program must be able to write there) and that the "
        "disk is not mounted read-only",
    ),
    "store.disk_full": (
        "磁盘空间已满，无法保存：数据目录“{folder}”所在磁盘已无剩余空间，本次未保存任何内容。"
        "请管理员清理该磁盘空间后重试",
        "The disk is full, so nothing was saved: the disk holding the data folder “{folder}” has no "
        "space left. Ask your administrator to free space on it, then try again",
    ),
    "store.cannot_open": (
        "无法打开数据库文件“{file}”：该文件或其所在目录“{folder}”不存在或不允许访问。"
        "请管理员检查 DATABASE_URL 所设路径是否正确，以及该目录的读写权限",
        "Cannot open the database file “{file}”: it or its folder “{folder}” does not exist or cannot "
        "be accessed. Ask your administrator to check the path set in DATABASE_URL and the "
        "permissions of that folder",
    ),
    "store.busy": (
        "数据库正忙（其他人正在保存），本次操作未完成，请稍后重试",
        "The database is busy (someone else is saving); nothing was done. Please try again shortly",
    ),
    "store.io_error": (
        "读写数据库文件“{file}”时磁盘出错，本次操作未完成。请管理员检查磁盘状态",
        "A disk error occurred reading or writing the database file “{file}”; nothing was done. Ask "
        "your administrator to check the disk",
    ),
    "store.damaged": (
        "数据库文件“{file}”已损坏或不是本系统的数据库，无法读取。请管理员用备份恢复该文件",
        "The database file “{file}” is damaged or is not a database, and cannot be read. Ask your "
        "administrator to restore it from a backup",
    ),
    "store.unreachable": (
        "无法连接数据库服务器 {server}（数据库 {database}）：服务器未启动、地址或端口有误，或网络不通。"
        "请管理员检查数据库服务及 DATABASE_URL 设置",
        "Cannot connect to the database server {server} (database {database}): the server is not "
        "running, the address or port is wrong, or the network is down. Ask your administrator to "
        "check the database service and the DATABASE_URL setting",
    ),
    "store.login_refused": (
        "数据库服务器 {server} 拒绝登录：用户名或密码不正确，或该账户无权连接数据库 {database}。"
        "请管理员核对 DATABASE_URL 中的账户和密码",
        "The database server {server} refused the sign-in: the user name or password is wrong, or the "
        "account may not connect to the database {database}. Ask your administrator to check the "
        "account and password in DATABASE_URL",
    ),
    "store.no_database": (
        "数据库服务器 {server} 上没有名为“{database}”的数据库。"
        "请管理员建立该数据库，或改正 DATABASE_URL 中的库名",
        "The database server {server} has no database named “{database}”. Ask your administrator to "
        "create it or to correct the name in DATABASE_URL",
    ),
    "store.too_many": (
        "数据库服务器 {server} 连接数已满，暂时无法连接数据库 {database}。请稍后重试；"
        "如经常出现，请管理员调大服务器的最大连接数",
        "The database server {server} has too many connections and refused one to the database "
        "{database}. Try again shortly; if it keeps happening, ask your administrator to raise the "
        "server's connection limit",
    ),
    "store.read_only_server": (
        "数据库 {database}（服务器 {server}）当前只允许读取，无法保存，本次未保存任何内容。"
        "请管理员确认所连接的不是只读的备用服务器，且该库未设为只读",
        "The database {database} on the server {server} only allows reading, so nothing was saved. "
        "Ask your administrator to make sure it is not a read-only standby and not set read-only",
    ),
    "store.no_right": (
        "数据库账户无权进行此项操作（服务器 {server}，数据库 {database}），本次未保存任何内容。"
        "请管理员为该账户授予本系统各数据表的读写权限",
        "The database account is not allowed to do this (server {server}, database {database}); "
        "nothing was saved. Ask your administrator to grant it read and write rights on this "
        "program's tables",
    ),
    "store.disk_full_server": (
        "数据库服务器 {server} 磁盘空间已满，无法保存到数据库 {database}，本次未保存任何内容。"
        "请管理员清理服务器磁盘空间后重试",
        "The disk of the database server {server} is full, so nothing was saved to the database "
        "{database}. Ask your administrator to free space on the server, then try again",
    ),
    "store.value_nul": (
        "所填内容中含有不可见的控制字符（NUL），数据库无法保存，本次未保存任何内容。"
        "请删除该字符（可将相关文字复制后以纯文本形式重新粘贴）后重试",
        "What was entered holds an invisible control character (NUL) the database cannot store, so "
        "nothing was saved. Remove it (copy the text concerned and paste it back as plain text), "
        "then try again",
    ),
    "store.value_refused": (
        "数据库不接受其中的某项内容（{reason}），本次未保存任何内容。请检查表格内容后重试；"
        "仍不能保存的，请将本提示告知管理员",
        "The database would not take a value in it ({reason}), so nothing was saved. Check the sheet "
        "and try again; if it still fails, tell your administrator what this message says",
    ),
    "store.read_only_notice": (
        "数据库当前为只读：可以查看，但不能上传、恢复版本、核实销号或修改角色表。"
        "如需保存，请管理员检查数据目录的写入权限",
        "The store is read-only: you can view everything, but not upload, restore versions, verify "
        "closures or change the role table. To save, ask your administrator to check the write "
        "permissions of the data folder",
    ),
}


def label(key: str, lang: str = DEFAULT_LANG, **params: object) -> str:
    """The user-facing text for `key` in `lang`, with `params` filled in."""
    index = 1 if lang == "en" else 0
    kind, _, name = key.partition(".")
    if kind == "field" and name in FIELD_BY_NAME:
        field = FIELD_BY_NAME[name]
        return field.en if index else field.zh
    if kind == "status" and name in STATUS_BY_CODE:
        status = STATUS_BY_CODE[name]
        return status.en if index else status.zh
    if kind == "term" and name in DEADLINE_TERMS:
        return DEADLINE_TERMS[name][index]
    text = LABELS[key][index]
    if not params:
        return text
    counts = {k: _Count(v) for k, v in params.items() if isinstance(v, Integral) and not isinstance(v, bool)}
    return text.format(**{**params, **counts})


class _Count(int):
    """A number a label can put in the singular or the plural: in English text "{count:row|rows}"
    reads "1 row" or "2 rows" and "{count:is|are}" reads "1 is" or "2 are"; a plain "{count}"
    is just the number."""

    def __format__(self, spec: str) -> str:
        if "|" not in spec:
            return int.__format__(self, spec)
        one, many = spec.split("|", 1)
        return f"{int(self)} {one if self == 1 else many}"


def listed(values: Iterable[str], lang: str = DEFAULT_LANG) -> str:
    """Names in a run, as each language lists them: "办公室、财务科" or "办公室, 财务科"."""
    return ("、" if lang == "zh" else ", ").join(values)
