#include <libxml/xmlversion.h>
/* Keep ICU's headers out of this module: /usr/include/unicode/utypes.h clashes
   with the ICU that Foundation bundles (_FoundationICU) in any Swift module that
   sees both, which made clean parallel builds fail at random. Only two trailing
   pointer fields of xmlCharEncodingHandler depend on ICU; clubos-lint never uses
   that struct, only pointers to libxml2's own objects. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlerror.h>
#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>
