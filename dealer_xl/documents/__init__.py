"""Documents rendered from the templates in ``templates/``: contracts and demand letters (.docx,
docxtpl, sandboxed), and report packs (.xlsx with native charts + autoescaped HTML for email).

Entry points: :func:`dealer_xl.documents.contracts.generate_contracts`,
:func:`dealer_xl.documents.letters.generate_letters`, :func:`dealer_xl.documents.packs.build_pack`
and :data:`DOCUMENTS_DIR`, the folder beside the books where documents are written.
"""

DOCUMENTS_DIR = "文书"  # contracts, letters and notices go here, beside the books
