"""The pages a browser opens: themes (sandboxed), the page shell, packing, the form, the partnership page, the site."""
